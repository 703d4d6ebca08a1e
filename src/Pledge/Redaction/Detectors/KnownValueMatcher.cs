using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Redaction.Detectors;

/// <summary>
/// Finds known values as whole words, case-insensitively, at word starts. A 64 Kbit filter on the first two
/// (case-folded) bytes and the length of the first word rejects almost every word in one lookup (with the first two
/// bytes alone, common words such as "and" passed for "Anna" and the matcher cost 25% of the scan), so 10,000
/// known values cost about as much as ten;
/// candidates are then compared in full, ASCII byte by byte and anything else after decoding, with
/// <see cref="StringComparison.OrdinalIgnoreCase"/>.
/// </summary>
internal sealed class KnownValueMatcher
{
    private readonly ulong[] _filter = new ulong[65536 / 64];
    private readonly Dictionary<ushort, Entry[]> _buckets;

    public KnownValueMatcher(IEnumerable<KnownValue> values)
    {
        var buckets = new Dictionary<ushort, List<Entry>>();
        foreach (var value in values)
        {
            var text = value.Value.Trim();
            var entry = new Entry(Encoding.UTF8.GetBytes(text.ToLowerInvariant()), Encoding.UTF8.GetBytes(text), text, value.Type);
            foreach (var variant in Variants(text))
            {
                var bytes = Encoding.UTF8.GetBytes(variant);
                var key = Key(bytes[0], bytes.Length > 1 ? bytes[1] : (byte)0, FirstWordLength(entry.Utf8));
                _filter[key >> 6] |= 1UL << (key & 63);
                if (!buckets.TryGetValue(key, out var list))
                {
                    buckets[key] = list = [];
                }

                if (!list.Contains(entry))
                {
                    list.Add(entry);
                }
            }
        }

        // Longest first, so "Anna Berg" wins over "Anna".
        _buckets = buckets.ToDictionary(b => b.Key, b => b.Value.OrderByDescending(e => e.Utf8.Length).ToArray());
    }

    /// <summary>The end of a known value starting at word start <paramref name="p"/> whose first word ends at <paramref name="wordEnd"/>, with its type; -1 if none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Match(ReadOnlySpan<byte> s, int p, int wordEnd, out PiiType type)
    {
        // Inlined into the scanner: this runs at almost every word, and almost every word stops here.
        var key = Key(s[p], At(s, p + 1), wordEnd - p);
        if ((_filter[key >> 6] & (1UL << (key & 63))) == 0)
        {
            type = default;
            return -1;
        }

        return Candidates(s, p, wordEnd, key, out type);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Candidates(ReadOnlySpan<byte> s, int p, int wordEnd, ushort key, out PiiType type)
    {
        type = default;
        if (!_buckets.TryGetValue(key, out var entries))
        {
            return -1;
        }

        var firstWord = wordEnd - p;
        foreach (var entry in entries)
        {
            var end = p + entry.Utf8.Length;
            if (entry.FirstWordLength != firstWord || end > s.Length || Lower(s[end - 1]) != Lower(entry.Utf8[^1]) || Glued(s, end) || !Equal(s[p..end], entry))
            {
                continue;
            }

            type = entry.Type;
            return end;
        }

        return -1;
    }

    private static bool Equal(ReadOnlySpan<byte> candidate, Entry entry)
    {
        if (entry.Ascii)
        {
            for (var i = 0; i < candidate.Length; i++)
            {
                if (Lower(candidate[i]) != entry.Lower[i])
                {
                    return false;
                }
            }

            return true;
        }

        Span<char> chars = stackalloc char[KnownValue.MaxBytes];
        var status = Utf8.ToUtf16(candidate, chars, out _, out var written, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done && chars[..written].Equals(entry.Text, StringComparison.OrdinalIgnoreCase);
    }

    private static ushort Key(byte first, byte second, int firstWordLength) =>
        (ushort)((((Lower(first) << 8) | Lower(second)) * 31) + Math.Min(firstWordLength, 255));

    private static int FirstWordLength(byte[] utf8)
    {
        var i = 0;
        while (i < utf8.Length && IsWord(utf8[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>The spellings whose first two bytes may differ once case is folded: each of the first two characters in lower and upper case.</summary>
    private static IEnumerable<string> Variants(string text)
    {
        var first = text[..1];
        var second = text.Length > 1 ? text.Substring(1, 1) : "";
        foreach (var a in new[] { first.ToLowerInvariant(), first.ToUpperInvariant() })
        {
            foreach (var b in new[] { second.ToLowerInvariant(), second.ToUpperInvariant() })
            {
                yield return a + b;
            }
        }
    }

    private sealed record Entry(byte[] Lower, byte[] Utf8, string Text, PiiType Type)
    {
        public bool Ascii { get; } = Utf8.All(b => b < 0x80) && Lower.Length == Utf8.Length;

        public int FirstWordLength { get; } = KnownValueMatcher.FirstWordLength(Utf8);
    }
}
