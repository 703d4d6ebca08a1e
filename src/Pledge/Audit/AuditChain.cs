using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Pledge.Audit;

/// <summary>
/// The audit log's hash chain: entry hash = SHA-256(previous hash ‖ canonical encoding of the entry). The encoding is
/// the sequence and time as 8-byte big-endian integers, then actor, action, subject and detail, each as a 4-byte
/// big-endian UTF-8 length (−1 for null) and its bytes. The first entry's previous hash is 32 zero bytes. Any edit,
/// removal or reordering changes every later hash.
/// </summary>
public static class AuditChain
{
    /// <summary>Length of every hash in the chain.</summary>
    public const int HashLength = 32;

    /// <summary>The hash of the entry with these fields, following <paramref name="previous"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> previous, long sequence, long atMicros, string actor, string action, string? subject, string? detail)
    {
        var length = HashLength + 8 + 8 + Size(actor) + Size(action) + Size(subject) + Size(detail);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var span = buffer.AsSpan(0, length);
            previous.CopyTo(span);
            var at = HashLength;
            BinaryPrimitives.WriteInt64BigEndian(span[at..], sequence);
            BinaryPrimitives.WriteInt64BigEndian(span[(at + 8)..], atMicros);
            at += 16;
            at = Write(span, at, actor);
            at = Write(span, at, action);
            at = Write(span, at, subject);
            Write(span, at, detail);
            return SHA256.HashData(span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static int Size(string? text) => 4 + (text is null ? 0 : Encoding.UTF8.GetByteCount(text));

    private static int Write(Span<byte> span, int at, string? text)
    {
        if (text is null)
        {
            BinaryPrimitives.WriteInt32BigEndian(span[at..], -1);
            return at + 4;
        }

        var written = Encoding.UTF8.GetBytes(text, span[(at + 4)..]);
        BinaryPrimitives.WriteInt32BigEndian(span[at..], written);
        return at + 4 + written;
    }
}
