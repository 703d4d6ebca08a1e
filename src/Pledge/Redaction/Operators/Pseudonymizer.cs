using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Pledge.Redaction;

/// <summary>
/// Computes keyed pseudonyms and remembers recent ones. Logs repeat the same users and addresses, so a cache of
/// <see cref="MacCache.Capacity"/> recent values spares most HMACs; a hit and a miss both write their token straight
/// into the output, with no allocation per value. Not thread safe: each redaction run has its own.
/// </summary>
/// <remarks>
/// A new value's token is written at once with its MAC left blank, and the MACs of new values are computed eight
/// at a time (<see cref="HmacSha256x8"/>) when the run completes a stretch of output: through the platform's
/// OpenSSL, one at a time, they took a quarter of the run.
/// </remarks>
internal sealed class Pseudonymizer
{
    /// <summary>Hex digits of the MAC kept in a token: 64 bits, so a collision among a million distinct values has odds of about 1 in 37 million.</summary>
    public const int TokenHexLength = 16;

    // One keyed HMAC reused for the whole run: the one-shot HMACSHA256.HashData sets the key up on every call,
    // which measured at over 2 µs a value on the sample logs.
    private readonly IncrementalHash _hmac;

    /// <summary>Per type, what opens its token: <c>&lt;EMAIL:k1:</c>.</summary>
    private readonly byte[][] _openings;

    private readonly MacCache _cache = new();

    /// <summary>Where each value's message is built: a field, as a stackalloc of the same size is cleared on every call.</summary>
    private readonly byte[] _message = new byte[1024];

    // New values wait here for their MAC, computed eight at a time when the run completes a stretch of output (or
    // when enough wait); their tokens are already written, with the 16 hex digits filled in then.
    private const int MaxPending = 1024;
    private readonly HmacSha256x8? _x8;
    private byte[] _pendingBytes = new byte[16 * HmacSha256x8.MaxMessageBytes];
    private int[] _pendingOffsets = new int[16];
    private int[] _pendingLengths = new int[16];
    private int[] _pendingAt = new int[16];
    private ulong[] _pendingMacs = new ulong[16];
    private int _pending;
    private int _pendingBytesUsed;
    private OutputBuffer? _pendingOutput;

    public Pseudonymizer(PseudonymKey key)
    {
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.Secret);
        _x8 = HmacSha256x8.IsSupported ? new HmacSha256x8(key.Secret) : null;
        var keyId = System.Text.Encoding.ASCII.GetBytes(key.KeyId);
        _openings = [.. PiiTypes.All.Select(t => (byte[])[(byte)'<', .. PiiTypes.TagUtf8(t), (byte)':', .. keyId, (byte)':'])];
    }

    /// <summary>
    /// Writes the token for <paramref name="value"/> of <paramref name="type"/>. The token's MAC may be filled in
    /// only at <see cref="Complete"/>, which the run calls before its output is read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(ReadOnlySpan<byte> value, PiiType type, OutputBuffer output)
    {
        // The MAC is over the type's tag, a zero byte and the normalised value, so one value of two types gives two tokens.
        Span<byte> message = _message;
        var tag = PiiTypes.TagUtf8(type);
        tag.CopyTo(message);
        message[tag.Length] = 0;
        var length = tag.Length + 1 + ValueNormalizer.Normalize(value, type, message[(tag.Length + 1)..]);
        message = message[..length];

        var opening = _openings[(int)type];
        ulong mac;
        if (length > MacCache.MaxMessageBytes)
        {
            mac = Compute(message);
        }
        else if (!_cache.TryGet(message, out var hash, out mac))
        {
            if (_x8 is not null && length <= HmacSha256x8.MaxMessageBytes)
            {
                Defer(message, output, output.WrittenCount + opening.Length);
                mac = 0;
            }
            else
            {
                mac = Compute(message);
                _cache.Add(message, hash, mac);
            }
        }

        var span = output.GetSpan(opening.Length + TokenHexLength + 1);
        opening.CopyTo(span);
        WriteHex(mac, span.Slice(opening.Length, TokenHexLength));
        span[opening.Length + TokenHexLength] = (byte)'>';
        output.Advance(opening.Length + TokenHexLength + 1);
    }

    /// <summary>Computes the MACs of the new values written since the last call and fills in their tokens.</summary>
    public void Complete()
    {
        if (_pending == 0)
        {
            return;
        }

        for (var i = 0; i < _pending; i += HmacSha256x8.Lanes)
        {
            var count = Math.Min(HmacSha256x8.Lanes, _pending - i);
            _x8!.Mac64(_pendingBytes, _pendingOffsets.AsSpan(i, count), _pendingLengths.AsSpan(i, count), _pendingMacs.AsSpan(i, count));
        }

        for (var i = 0; i < _pending; i++)
        {
            WriteHex(_pendingMacs[i], _pendingOutput!.Written(_pendingAt[i], TokenHexLength));
            var message = _pendingBytes.AsSpan(_pendingOffsets[i], _pendingLengths[i]);
            if (!_cache.TryGet(message, out var hash, out _))
            {
                _cache.Add(message, hash, _pendingMacs[i]);
            }
        }

        _pending = 0;
        _pendingBytesUsed = 0;
        _pendingOutput = null;
    }

    private void Defer(ReadOnlySpan<byte> message, OutputBuffer output, int at)
    {
        if (_pending == MaxPending || (_pendingOutput is not null && !ReferenceEquals(_pendingOutput, output)))
        {
            Complete();
        }

        if (_pending == _pendingOffsets.Length)
        {
            var size = _pending * 2;
            Array.Resize(ref _pendingBytes, size * HmacSha256x8.MaxMessageBytes);
            Array.Resize(ref _pendingOffsets, size);
            Array.Resize(ref _pendingLengths, size);
            Array.Resize(ref _pendingAt, size);
            Array.Resize(ref _pendingMacs, size);
        }

        message.CopyTo(_pendingBytes.AsSpan(_pendingBytesUsed));
        _pendingOffsets[_pending] = _pendingBytesUsed;
        _pendingLengths[_pending] = message.Length;
        _pendingAt[_pending] = at;
        _pendingBytesUsed += message.Length;
        _pendingOutput = output;
        _pending++;
    }

    private static void WriteHex(ulong mac, Span<byte> hex)
    {
        Span<byte> bytes = stackalloc byte[TokenHexLength / 2];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, mac);
        Convert.TryToHexStringLower(bytes, hex, out _);
    }

    private ulong Compute(ReadOnlySpan<byte> message)
    {
        Span<byte> mac = stackalloc byte[32];
        _hmac.AppendData(message);
        _hmac.GetHashAndReset(mac);
        return BinaryPrimitives.ReadUInt64BigEndian(mac);
    }
}
