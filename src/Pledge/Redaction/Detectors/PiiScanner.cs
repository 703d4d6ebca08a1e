using System.Numerics;
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

    // Every method on the scan's hot path, here and in the detectors, is marked AggressiveOptimization: it is left
    // out of the ahead-of-time (ReadyToRun) image and compiled once, fully optimised for this CPU's vector width. A run
    // over a large file calls Next() only a few thousand times, so the precompiled and first tiered versions would
    // do most of the work; with them, 200 MB of logs took 1.4 s of CPU, with the marks 1.0 s (bench/redaction.sh).
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
    /// <remarks>
    /// Only two kinds of position can start a value: a word start (a word byte after a byte that is not one) and
    /// one of <c>&lt; * + ( / :</c>. <see cref="Candidates"/> finds them 64 bytes at a time with vector compares,
    /// and the walk jumps from one to the next; every other byte is passed over without being looked at one by one.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next(ReadOnlySpan<byte> s, ref int pos, int limit, out PiiMatch match)
    {
        var resume = pos;
        var block = pos;
        while (block < limit)
        {
            var candidates = Candidates(s, block, out var words);
            while (candidates != 0)
            {
                var i = block + BitOperations.TrailingZeroCount(candidates);
                if (i >= limit)
                {
                    break;
                }

                if (Ask(s, i, block, words, ref resume, out match))
                {
                    pos = match.End;
                    return true;
                }

                var skip = resume - block;
                if (skip >= 64)
                {
                    break;
                }

                candidates &= ~0UL << skip;
            }

            block = Math.Max(resume, block + 64);
        }

        pos = Math.Max(resume, limit);
        match = default;
        return false;
    }

    /// <summary>
    /// Asks what may start at candidate <paramref name="i"/> (a word start or a byte of <c>&lt; * + ( / :</c>).
    /// True with the value found; otherwise <paramref name="resume"/> is where the walk goes on, past <paramref name="i"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Ask(ReadOnlySpan<byte> s, int i, int block, ulong words, ref int resume, out PiiMatch match)
    {
        var b = s[i];
        var prev = At(s, i - 1);
        if (IsWord(b))
        {
            // Words shorter than what is left of the block end inside the mask; the rare longer ones are walked.
            var rest = ~words >> (i - block);
            var wordEnd = rest != 0 ? i + BitOperations.TrailingZeroCount(rest) : WordEnd(s, i);
            resume = wordEnd;

            // Most words in a log end at a space or a comma and cannot open any value but a known one: lower case
            // words, and upper case or numbers that cannot open an IBAN, a card or a phone number. Only the known
            // values are asked there, sparing the call into AtWord for two words in three.
            if (!Is(At(s, wordEnd), ByteKind.Tail) && prev is not ((byte)'*' or (byte)'>') && OnlyKnown(s, i, wordEnd))
            {
                if (_known is not null && _known.Match(s, i, wordEnd, out var knownType) is var knownEnd and > 0 && !TouchesRedacted(s, i, knownEnd))
                {
                    match = new PiiMatch(i, knownEnd - i, knownType);
                    return true;
                }

                match = default;
                return false;
            }

            // Only a word byte or operator output glues a word to what is before it; the previous byte is at hand.
            if ((prev is not ((byte)'*' or (byte)'>') || !Glued(s, i - 1)) && AtWord(s, i, wordEnd, keyValues: true, out match))
            {
                if (match.Length == 0)
                {
                    resume = match.Start;
                    return false;
                }

                if (!TouchesRedacted(s, match.Start, match.End, ReadsAcrossSpaces(match.Type)))
                {
                    return true;
                }

                // Turned down for touching operator output, a value must not hide a known value at the same word:
                // once its other parts are redacted, a second pass reads the word alone and finds the known value
                // (jsmith_.001a.2b3c.4d5e\b<IPV4:…> is no DOMAIN\user, as b touches the token; its MAC address is
                // then redacted and jsmith_.<MAC> is the known jsmith, so the first pass must take it too).
                if (Known(s, i, wordEnd, out match) && !TouchesRedacted(s, match.Start, match.End))
                {
                    return true;
                }
            }

            match = default;
            return false;
        }

        return Punctuation(s, i, ref resume, out match);
    }

    /// <summary>What may start at one of <c>&lt; * + ( / :</c>: kept out of line, as the walk over words is the hot path.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private bool Punctuation(ReadOnlySpan<byte> s, int i, ref int resume, out PiiMatch match)
    {
        resume = i + 1;
        switch (s[i])
        {
            case (byte)'<':
                resume = RedactedOutput.End(s, i);
                break;
            case (byte)'*' when s[i..].StartsWith("***@"u8):
                // The partial operator's e-mail output: its domain was part of a value, so is not scanned again.
                resume = Math.Max(i + 4, DomainName.Parse(s, i + 4, out _, out _));
                break;
            case (byte)'+' or (byte)'(' when On(PiiType.Phone) && PhoneDetector.Match(s, i) is var end and > 0 && !TouchesRedacted(s, i, end, acrossSpace: true):
                match = new PiiMatch(i, end - i, PiiType.Phone);
                return true;
            case (byte)'/' when On(PiiType.Username) && AccountDetector.MatchHomePath(s, i, out var start, out var userEnd) && !TouchesRedacted(s, start, userEnd):
                match = new PiiMatch(start, userEnd - start, PiiType.Username);
                return true;
            case (byte)':' when At(s, i + 1) == ':' && On(PiiType.IPv6) && IPv6Detector.Match(s, i) is var v6 and > 0 && !TouchesRedacted(s, i, v6):
                match = new PiiMatch(i, v6 - i, PiiType.IPv6);
                return true;
        }

        match = default;
        return false;
    }

    /// <summary>
    /// Whether only a known value can start at the word [<paramref name="p"/>, <paramref name="wordEnd"/>) that ends at a
    /// delimiter: what <see cref="AtWord"/> would ask there besides the known values is an IBAN (upper case, a digit
    /// third), a card (a group of four before more digits, or 13 digits and more) or a phone number (a first group
    /// before a space).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool OnlyKnown(ReadOnlySpan<byte> s, int p, int wordEnd)
    {
        var b = s[p];
        var kind = Of(b);
        if ((kind & (ByteKind.Upper | ByteKind.Digit)) == 0)
        {
            return true;
        }

        if ((kind & ByteKind.Upper) != 0)
        {
            return !IsDigit(At(s, p + 2));
        }

        var length = wordEnd - p;
        return length is > 1 and not (3 or 4) and < 13 ? b != '0' || At(s, wordEnd) != ' '
            : length == 1 ? b is not ((byte)'0' or (byte)'1') || At(s, wordEnd) != ' '
            : length == 4 ? !IsDigit(At(s, p + 5)) && (b != '0' || At(s, wordEnd) != ' ')
            : length == 3 ? At(s, wordEnd) != ' '
            : false;
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    /// <remarks>
    /// With <paramref name="acrossSpace"/>, one space joins too: phone numbers, cards and IBANs are read in groups
    /// across spaces, so the detector may have read on into a neighbour one space away and turned the value down
    /// for it (in <c>742 020 7946 0958020 794</c> the first three groups are no number, since the digits run on;
    /// with the national number after them redacted, <c>742 020 7946</c> would look like one).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TouchesRedacted(ReadOnlySpan<byte> s, int start, int end, bool acrossSpace = false)
    {
        // Operator output opens with < or * and closes with > or *: with none of them at the edges, nothing touches.
        if (At(s, end) is not ((byte)'<' or (byte)'*') && At(s, end + 1) is not ((byte)'<' or (byte)'*')
            && At(s, start - 1) is not ((byte)'>' or (byte)'*') && At(s, start - 2) is not ((byte)'>' or (byte)'*'))
        {
            return false;
        }

        return RedactedOutput.StartsAt(s, end) || (Joins(At(s, end), acrossSpace) && RedactedOutput.StartsAt(s, end + 1))
            || RedactedOutput.EndsBefore(s, start) || (Joins(At(s, start - 1), acrossSpace) && RedactedOutput.EndsBefore(s, start - 1));

        static bool Joins(byte b, bool acrossSpace) => (b > ' ' && b < 0x80 && !IsAlnum(b)) || (acrossSpace && b == ' ');
    }

    private static bool ReadsAcrossSpaces(PiiType type) => type is PiiType.Phone or PiiType.Card or PiiType.Iban;
}
