using System.Buffers;
using System.Security.Cryptography;

namespace Pledge.Redaction;

/// <summary>
/// Computes keyed pseudonyms and remembers recent ones. One HMAC-SHA256 costs about 1 µs; logs repeat the same
/// few thousand users and addresses, so a cache of <see cref="CacheCapacity"/> tokens keeps the pseudonym operator
/// close to the tag operator's speed. Not thread safe: each redaction run has its own.
/// </summary>
internal sealed class Pseudonymizer
{
    /// <summary>Hex digits of the MAC kept in a token: 64 bits, so a collision among a million distinct values has odds of about 1 in 37 million.</summary>
    public const int TokenHexLength = 16;

    private const int CacheCapacity = 65_536;

    private readonly PseudonymKey _key;
    private readonly Dictionary<byte[], byte[]> _cache = new(ByteArrayComparer.Instance);

    // One keyed HMAC reused for the whole run: the one-shot HMACSHA256.HashData sets the key up on every call,
    // which measured at over 2 µs a value on the sample logs, whose IP addresses are nearly all distinct.
    private readonly IncrementalHash _hmac;

    public Pseudonymizer(PseudonymKey key)
    {
        _key = key;
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.Secret);
    }

    /// <summary>Writes the token for <paramref name="value"/> of <paramref name="type"/>.</summary>
    public void Write(ReadOnlySpan<byte> value, PiiType type, IBufferWriter<byte> output)
    {
        Span<byte> message = stackalloc byte[1024];
        var tag = PiiTypes.TagUtf8(type);
        tag.CopyTo(message);
        message[tag.Length] = 0;
        var length = tag.Length + 1 + ValueNormalizer.Normalize(value, type, message[(tag.Length + 1)..]);
        message = message[..length];

        var lookup = _cache.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (!lookup.TryGetValue(message, out var token))
        {
            token = Compute(message, tag);
            if (_cache.Count >= CacheCapacity)
            {
                _cache.Clear();
            }

            lookup[message] = token;
        }

        output.Write(token);
    }

    private byte[] Compute(ReadOnlySpan<byte> message, ReadOnlySpan<byte> tag)
    {
        Span<byte> mac = stackalloc byte[32];
        _hmac.AppendData(message);
        _hmac.GetHashAndReset(mac);
        var hex = Convert.ToHexStringLower(mac[..(TokenHexLength / 2)]);
        return System.Text.Encoding.ASCII.GetBytes($"<{System.Text.Encoding.ASCII.GetString(tag)}:{_key.KeyId}:{hex}>");
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => GetHashCode((ReadOnlySpan<byte>)obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate)
        {
            var hash = new HashCode();
            hash.AddBytes(alternate);
            return hash.ToHashCode();
        }

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();
    }
}
