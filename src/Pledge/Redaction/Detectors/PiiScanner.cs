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
internal sealed class PiiScanner
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool AtWord(ReadOnlySpan<byte> s, int p, int wordEnd, bool keyValues, out PiiMatch match)
    {
        var b = s[p];
        var kind = Of(b);
        var after = At(s, wordEnd);
        var length = wordEnd - p;
        if (!Is(after, ByteKind.Tail))
        {
            // The word ends at a space, comma, bracket...: only values shaped like a word (or a first group) start here.
            // This is the path of most words in a log, so it asks only what can still match.
            if ((kind & ByteKind.Digit) != 0)
            {
                if (On(PiiType.Card) && ((length == 4 && IsDigit(At(s, p + 5))) || length >= 13) && CardDetector.Match(s, p) is var card and > 0)
                {
                    return Found(p, card, PiiType.Card, out match);
                }

                // A phone number's first group followed by a space: national (0...), North American (3 digits) or 1 + area code.
                if (On(PiiType.Phone) && after == ' ' && (b == '0' || length == 3 || (length == 1 && b == '1')) && PhoneDetector.Match(s, p) is var phone and > 0)
                {
                    return Found(p, phone, PiiType.Phone, out match);
                }
            }
            else if ((kind & ByteKind.Upper) != 0 && IsDigit(At(s, p + 2)) && On(PiiType.Iban) && IbanDetector.Match(s, p) is var iban and > 0)
            {
                return Found(p, iban, PiiType.Iban, out match);
            }

            return Known(s, p, wordEnd, out match);
        }

        if ((kind & (ByteKind.Upper | ByteKind.Lower | ByteKind.Digit)) != 0)
        {
            var runEnd = Is(after, ByteKind.Local) ? RunEnd(s, wordEnd, ByteKind.Local, MaxRun) : wordEnd;
            var runAfter = At(s, runEnd);
            if (runAfter == '\\' && (RedactedOutput.StartsAt(s, runEnd + 1) || (At(s, runEnd + 1) == '\\' && RedactedOutput.StartsAt(s, runEnd + 2))))
            {
                // DOMAIN\<USERNAME>: the domain was read as one the first time; reading it as anything else now
                // would let a second pass find what the first did not. Step over it (an empty match).
                match = new PiiMatch(runEnd, 0, PiiType.Username);
                return true;
            }

            if (runAfter == '@' && On(PiiType.Email) && EmailDetector.Match(s, p, runEnd) is var email and > 0)
            {
                return Found(p, email, PiiType.Email, out match);
            }

            if (keyValues && after is (byte)'=' or (byte)':' or (byte)'"' or (byte)'\'' or (byte)'_' && (kind & ByteKind.Digit) == 0 && KeyValue(s, p, out match))
            {
                return true;
            }

            if ((kind & ByteKind.Hex) != 0 && Structured(s, p, kind, length, out match))
            {
                return true;
            }

            if ((kind & ByteKind.Upper) != 0 && IsDigit(At(s, p + 2)) && On(PiiType.Iban) && IbanDetector.Match(s, p) is var iban and > 0)
            {
                return Found(p, iban, PiiType.Iban, out match);
            }

            if ((runAfter == '\\' || after == ':') && (kind & ByteKind.Digit) == 0 && Account(s, p, runEnd, out match))
            {
                return true;
            }

            if (On(PiiType.Hostname) && (kind & ByteKind.Digit) == 0)
            {
                var host = s[p..runEnd].Contains((byte)'.') ? HostDetector.MatchDnsName(s, p) : -1;
                if (host < 0 && after == '-' && b is (byte)'D' or (byte)'L' or (byte)'W')
                {
                    host = HostDetector.MatchWindowsName(s, p);
                }

                if (host > 0)
                {
                    return Found(p, host, PiiType.Hostname, out match);
                }
            }
        }

        return Known(s, p, wordEnd, out match);
    }

    private bool Known(ReadOnlySpan<byte> s, int p, int wordEnd, out PiiMatch match)
    {
        if (_known is not null && _known.Match(s, p, wordEnd, out var type) is var end and > 0)
        {
            return Found(p, end, type, out match);
        }

        match = default;
        return false;
    }

    /// <summary>Addresses and numbers that start with a hex or decimal digit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Structured(ReadOnlySpan<byte> s, int p, ByteKind kind, int length, out PiiMatch match)
    {
        var b2 = At(s, p + 2);
        if (On(PiiType.Mac) && (b2 is (byte)':' or (byte)'-' || At(s, p + 4) == '.') && MacDetector.Match(s, p) is var mac and > 0)
        {
            return Found(p, mac, PiiType.Mac, out match);
        }

        if (On(PiiType.IPv6) && CouldBeIPv6(s, p) && IPv6Detector.Match(s, p) is var v6 and > 0)
        {
            return Found(p, v6, PiiType.IPv6, out match);
        }

        if ((kind & ByteKind.Digit) != 0)
        {
            if (On(PiiType.IPv4) && (At(s, p + 1) == '.' || b2 == '.' || At(s, p + 3) == '.') && IPv4Detector.Match(s, p) is var v4 and > 0)
            {
                return Found(p, v4, PiiType.IPv4, out match);
            }

            var after = At(s, p + length);
            if (On(PiiType.Card) && ((length == 4 && after is (byte)' ' or (byte)'-' && IsDigit(At(s, p + 5))) || length >= 13) && CardDetector.Match(s, p) is var card and > 0)
            {
                return Found(p, card, PiiType.Card, out match);
            }

            if (On(PiiType.Phone) && length <= 5 && after is (byte)' ' or (byte)'-' or (byte)'.' && PhoneDetector.Match(s, p) is var phone and > 0)
            {
                return Found(p, phone, PiiType.Phone, out match);
            }
        }

        match = default;
        return false;
    }

    private bool KeyValue(ReadOnlySpan<byte> s, int p, out PiiMatch match)
    {
        match = default;
        if (!(On(PiiType.Username) || On(PiiType.Hostname)) || !KeyValueDetector.Match(s, p, out var type, out var start, out var end))
        {
            return false;
        }

        // The value may be something more specific (host=10.0.0.5, user=anna@example.com, user=CORP\anna).
        if (AtWord(s, start, WordEnd(s, start), keyValues: false, out match) && match.Start < end)
        {
            return true;
        }

        return On(type) && Found(start, end, type, out match);
    }

    private bool Account(ReadOnlySpan<byte> s, int p, int runEnd, out PiiMatch match)
    {
        match = default;
        if (!On(PiiType.Username))
        {
            return false;
        }

        int start, end;
        var found = At(s, p + 1) == ':' && At(s, p + 2) is (byte)'\\' or (byte)'/'
            ? AccountDetector.MatchDrivePath(s, p, out start, out end)
            : AccountDetector.MatchDomainUser(s, p, runEnd, out start, out end);
        return found && Found(start, end, PiiType.Username, out match);
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
