using System.Runtime.CompilerServices;

namespace Pledge.Redaction;

/// <summary>
/// The pseudonym operator's memory of recent values: the first 64 bits of each one's MAC, in an open-addressed table
/// over one byte arena, so neither a lookup nor a new entry allocates. Starts small and doubles, so a run over one
/// short string (the library's <c>Redact(string)</c>) costs about two kilobytes; once <see cref="Capacity"/> values
/// or <see cref="MaxArenaBytes"/> bytes are held, it starts again empty. Not thread safe.
/// </summary>
/// <remarks>
/// It replaced a dictionary of byte arrays: a value not seen before cost four allocations there (its key, its
/// token and two strings to build it), and the collections those fed took as much of the run as the HMAC itself.
/// </remarks>
internal sealed class MacCache
{
    /// <summary>Values remembered before the cache starts again empty.</summary>
    public const int Capacity = 65_536;

    /// <summary>The longest message remembered; longer ones (rare) are not worth the arena.</summary>
    public const int MaxMessageBytes = 128;

    /// <summary>The bytes of remembered messages, 32 a value on average.</summary>
    private const int MaxArenaBytes = Capacity * 32;

    /// <summary>Entry index + 1 per slot, 0 for an empty slot; at most half the slots are used.</summary>
    private int[] _slots = new int[64];
    private Entry[] _entries = new Entry[32];
    private byte[] _arena = new byte[1024];
    private int _count;
    private int _arenaUsed;

    /// <summary>The MAC remembered for <paramref name="message"/>, if any; its hash either way, for <see cref="Add"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(ReadOnlySpan<byte> message, out uint hash, out ulong mac)
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

    /// <summary>Remembers <paramref name="mac"/> for <paramref name="message"/> (at most <see cref="MaxMessageBytes"/>), which <see cref="TryGet"/> did not find.</summary>
    public void Add(ReadOnlySpan<byte> message, uint hash, ulong mac)
    {
        if (_count == Capacity || _arenaUsed + message.Length > MaxArenaBytes)
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

    private static int Hash(ReadOnlySpan<byte> message)
    {
        var hash = new HashCode();
        hash.AddBytes(message);
        return hash.ToHashCode();
    }

    private readonly record struct Entry(uint Hash, int Offset, int Length, ulong Mac);
}
