using System.Runtime.CompilerServices;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Redaction.Detectors;

/// <summary>
/// Walks UTF-8 bytes word start by word start and asks the enabled detectors, most specific first, whether a
/// value starts there. Every detector decides from at most <see cref="Lookbehind"/> bytes before and
/// <see cref="Lookahead"/> bytes after the position it is asked about, which is what lets the stream driver cut
/// its input anywhere with a bounded carry-over and still find exactly what a single pass would.
/// Immutable and thread safe.
/// </summary>
internal sealed partial class PiiScanner
{
    /// <summary>How far past a start position a detector may read: the longest token (an e-mail address, 64 + 1 + 253 bytes) with room to spare.</summary>
    public const int Lookahead = 512;

    /// <summary>
    /// How far before a start position a detector may read: the longest is looking back for the start of a
    /// pseudonym token (up to 61 bytes) that may end just before a candidate and one joining byte.
    /// </summary>
    public const int Lookbehind = 80;

    private const int MaxRun = 320;

    private readonly uint _enabled;
    private readonly KnownValueMatcher? _known;

    // The hot methods are compiled fully optimised at once: a single run over a large file calls Next() a few
    // thousand times, and the tiered JIT's first versions of these loops measured at under half the final speed.
    public PiiScanner(IEnumerable<PiiType> detectors, KnownValueMatcher? known)
    {
        foreach (var type in detectors)
        {
            _enabled |= 1u << (int)type;
        }

        _known = known;
    }

    /// <summary>
    /// Finds the first value that starts in [<paramref name="pos"/>, <paramref name="limit"/>). On success
    /// <paramref name="pos"/> moves past it; otherwise <paramref name="pos"/> becomes the place to resume, at or past
    /// <paramref name="limit"/>, and no value starts before it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(ReadOnlySpan<byte> s, ref int pos, int limit, out PiiMatch match)
    {
        var scan = s[..limit];
        var i = pos;
        var prev = At(s, i - 1);
        while (i < scan.Length)
        {
            var b = scan[i];
            if (IsWord(b))
            {
                var wordEnd = WordEnd(s, i);

                // The commonest word in a log is lower case and ends at a space or a comma: only a known value can
                // start there, so ask that here and spare the call (measured: a fifth of the words cost half the time).
                if (Is(b, ByteKind.Lower) && !Is(At(s, wordEnd), ByteKind.Tail) && !IsWord(prev) && prev is not ((byte)'*' or (byte)'>'))
                {
                    if (_known is not null && _known.Match(s, i, wordEnd, out var knownType) is var knownEnd and > 0 && !TouchesRedacted(s, i, knownEnd))
                    {
                        match = new PiiMatch(i, knownEnd - i, knownType);
                        pos = knownEnd;
                        return true;
                    }

                    i = wordEnd;
                    prev = (byte)'a';
                    continue;
                }

                // Only a word byte or operator output glues a word to what is before it; the previous byte is at hand.
                if (!IsWord(prev) && (prev is not ((byte)'*' or (byte)'>') || !Glued(s, i - 1)) && AtWord(s, i, wordEnd, keyValues: true, out match))
                {
                    if (match.Length == 0)
                    {
                        i = match.Start;
                        prev = At(s, i - 1);
                        continue;
                    }

                    if (!TouchesRedacted(s, match.Start, match.End))
                    {
                        pos = match.End;
                        return true;
                    }
                }

                i = wordEnd;
                prev = (byte)'a';
                continue;
            }

            prev = b;

            switch (b)
            {
                case (byte)'<':
                    i = RedactedOutput.End(s, i);
                    prev = At(s, i - 1);
                    continue;
                case (byte)'*' when s[i..].StartsWith("***@"u8):
                    // The partial operator's e-mail output: its domain was part of a value, so is not scanned again.
                    i = Math.Max(i + 4, DomainName.Parse(s, i + 4, out _, out _));
                    prev = At(s, i - 1);
                    continue;
                case (byte)'+' or (byte)'(' when On(PiiType.Phone) && PhoneDetector.Match(s, i) is var end and > 0 && !TouchesRedacted(s, i, end):
                    match = new PiiMatch(i, end - i, PiiType.Phone);
                    pos = end;
                    return true;
                case (byte)'/' when On(PiiType.Username) && AccountDetector.MatchHomePath(s, i, out var start, out var userEnd) && !TouchesRedacted(s, start, userEnd):
                    match = new PiiMatch(start, userEnd - start, PiiType.Username);
                    pos = userEnd;
                    return true;
                case (byte)':' when At(s, i + 1) == ':' && On(PiiType.IPv6) && IPv6Detector.Match(s, i) is var v6 and > 0 && !TouchesRedacted(s, i, v6):
                    match = new PiiMatch(i, v6 - i, PiiType.IPv6);
                    pos = v6;
                    return true;
            }

            i++;
        }

        pos = i;
        match = default;
        return false;
    }

    private bool On(PiiType type) => (_enabled & (1u << (int)type)) != 0;

    /// <summary>End of the word (letters, digits, non-ASCII) at <paramref name="p"/>, reading at most <see cref="MaxRun"/> bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WordEnd(ReadOnlySpan<byte> s, int p)
    {
        var limit = Math.Min(s.Length, p + MaxRun);
        var i = p + 1;
        while (i < limit && IsWord(s[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// Whether an IPv6 address could start at <paramref name="p"/>: a colon within the first group, and then either
    /// <c>::</c> or seven colons among the address characters. Times (14:22:01.123) have two and are turned away
    /// here, without the full parse.
    /// </summary>
    private static bool CouldBeIPv6(ReadOnlySpan<byte> s, int p)
    {
        if (!(At(s, p + 1) == ':' || At(s, p + 2) == ':' || At(s, p + 3) == ':' || At(s, p + 4) == ':'))
        {
            return false;
        }

        var colons = 0;
        var limit = Math.Min(s.Length, p + 46);
        for (var i = p; i < limit; i++)
        {
            var b = s[i];
            if (b == ':')
            {
                if (At(s, i + 1) == ':' || ++colons == 7)
                {
                    return true;
                }
            }
            else if (!IsHex(b) && b != '.')
            {
                return false;
            }
        }

        return false;
    }

    private static bool Found(int start, int end, PiiType type, out PiiMatch match)
    {
        match = new PiiMatch(start, end - start, type);
        return true;
    }

    /// <summary>
    /// True when a value at [<paramref name="start"/>, <paramref name="end"/>) touches something an operator wrote,
    /// directly or across one punctuation byte. Such a candidate is never taken: had its neighbour still been the
    /// original value, the detector might have read on into it and decided otherwise (anna@example.com.DESKTOP-4F2K9QX
    /// is no e-mail address, but anna@example.com.&lt;HOSTNAME&gt; would look like one). Any raw candidate left in
    /// redacted text was turned down the first time, so turning down more keeps a second pass from changing anything.
    /// </summary>
    private static bool TouchesRedacted(ReadOnlySpan<byte> s, int start, int end)
    {
        return RedactedOutput.StartsAt(s, end) || (Joins(At(s, end)) && RedactedOutput.StartsAt(s, end + 1))
            || RedactedOutput.EndsBefore(s, start) || (Joins(At(s, start - 1)) && RedactedOutput.EndsBefore(s, start - 1));

        static bool Joins(byte b) => b > ' ' && b < 0x80 && !IsAlnum(b);
    }
}
