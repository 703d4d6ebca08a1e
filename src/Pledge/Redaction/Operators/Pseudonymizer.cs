using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Pledge.Redaction;

/// <summary>
/// Computes keyed pseudonyms and remembers recent ones. Logs repeat the same users and addresses, so a cache of
/// <see cref="CacheCapacity"/> recent values spares most HMACs; a hit and a miss both write their token straight
/// into the output, with no allocation per value. Not thread safe: each redaction run has its own.
/// </summary>
/// <remarks>
/// The cache is an open-addressed table over one byte arena, not a dictionary of byte arrays: with the dictionary,
/// a value not seen before cost four allocations (its key, its token and two strings to build it), and the
/// collections those fed took as much of the run as the HMAC itself (the sample logs' IP addresses are nearly all
/// distinct: 235,000 of 598,000 values in 52 MB). A new value's token is written at once with its MAC left blank,
/// and the MACs of new values are computed eight at a time (<see cref="HmacSha256x8"/>) when the run completes a
/// stretch of output: through the platform's OpenSSL, one at a time, they took a quarter of the run.
/// </remarks>
internal sealed class Pseudonymizer
{
    /// <summary>Hex digits of the MAC kept in a token: 64 bits, so a collision among a million distinct values has odds of about 1 in 37 million.</summary>
    public const int TokenHexLength = 16;

    /// <summary>Values remembered; when full, the cache starts again empty.</summary>
    public const int CacheCapacity = 65_536;

    /// <summary>The longest normalised value remembered; longer ones (rare) get their HMAC every time.</summary>
    private const int MaxCachedBytes = 128;

    /// <summary>The bytes of remembered values, 32 a value on average; beyond it the cache starts again empty.</summary>
    private const int MaxArenaBytes = CacheCapacity * 32;

    private static ReadOnlySpan<byte> HexDigits => "0123456789abcdef"u8;

    // One keyed HMAC reused for the whole run: the one-shot HMACSHA256.HashData sets the key up on every call,
    // which measured at over 2 µs a value on the sample logs.
    private readonly IncrementalHash _hmac;

    /// <summary>Per type, what opens its token: <c>&lt;EMAIL:k1:</c>.</summary>
    private readonly byte[][] _openings;

    // The table starts small and doubles, so a run over one short string (the library's Redact(string)) costs two
    // kilobytes; a run over a large file reaches the capacity within its first second and then starts again empty.
    /// <summary>Entry index + 1 per slot, 0 for an empty slot; at most half the slots are used.</summary>
    private int[] _slots = new int[64];
    private Entry[] _entries = new Entry[32];
    private byte[] _arena = new byte[1024];
    private int _count;
    private int _arenaUsed;

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
        if (length > MaxCachedBytes)
        {
            mac = Compute(message);
        }
        else if (!Lookup(message, out var hash, out mac))
        {
            if (_x8 is not null && length <= HmacSha256x8.MaxMessageBytes)
            {
                Defer(message, output, output.WrittenCount + opening.Length);
                mac = 0;
            }
            else
            {
                mac = Compute(message);
                Remember(message, hash, mac);
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
            if (!Lookup(message, out var hash, out _))
            {
                Remember(message, hash, _pendingMacs[i]);
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
        for (var i = 0; i < TokenHexLength; i++)
        {
            hex[i] = HexDigits[(int)(mac >> (60 - (4 * i))) & 0xF];
        }
    }

    /// <summary>The first 64 bits of the message's MAC if the cache holds it; the message's hash either way.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Lookup(ReadOnlySpan<byte> message, out uint hash, out ulong mac)
    {
        hash = (uint)Hash(message);
        var mask = _slots.Length - 1;
        var slot = (int)hash & mask;
        while (_slots[slot] is var index and > 0)
        {
            ref var entry = ref _entries[index - 1];
            if (entry.Hash == hash && _arena.AsSpan(entry.Offset, entry.Length).SequenceEqual(message))
            {
                mac = entry.Mac;
                return true;
            }

            slot = (slot + 1) & mask;
        }

        mac = 0;
        return false;
    }

    private void Remember(ReadOnlySpan<byte> message, uint hash, ulong mac)
    {
        if (_count == CacheCapacity || _arenaUsed + message.Length > MaxArenaBytes)
        {
            Array.Clear(_slots);
            _count = 0;
            _arenaUsed = 0;
        }

        if (_arenaUsed + message.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Min(MaxArenaBytes, Math.Max(_arena.Length * 2, _arenaUsed + message.Length)));
        }

        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
            _slots = new int[_entries.Length * 2];
            for (var i = 0; i < _count; i++)
            {
                _slots[FreeSlot(_entries[i].Hash)] = i + 1;
            }
        }

        message.CopyTo(_arena.AsSpan(_arenaUsed));
        _entries[_count] = new Entry(hash, _arenaUsed, message.Length, mac);
        _arenaUsed += message.Length;
        _slots[FreeSlot(hash)] = ++_count;
    }

    private int FreeSlot(uint hash)
    {
        var mask = _slots.Length - 1;
        var slot = (int)hash & mask;
        while (_slots[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        return slot;
    }

    private ulong Compute(ReadOnlySpan<byte> message)
    {
        Span<byte> mac = stackalloc byte[32];
        _hmac.AppendData(message);
        _hmac.GetHashAndReset(mac);
        return BinaryPrimitives.ReadUInt64BigEndian(mac);
    }

    private static int Hash(ReadOnlySpan<byte> message)
    {
        var hash = new HashCode();
        hash.AddBytes(message);
        return hash.ToHashCode();
    }

    private readonly record struct Entry(uint Hash, int Offset, int Length, ulong Mac);
}
