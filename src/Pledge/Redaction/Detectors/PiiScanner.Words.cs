using System.Runtime.CompilerServices;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Redaction.Detectors;

/// <summary>What may start at a word: the detectors asked there, most specific first.</summary>
internal sealed partial class PiiScanner
{
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
            var runEnd = Is(after, ByteKind.Local) ? LocalRunEnd(s, wordEnd, MaxRun) : wordEnd;
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

            if ((kind & ByteKind.Digit) != 0 && after is (byte)'-' or (byte)':' && TimestampSkipper.Match(s, p) is var stamp and > 0)
            {
                match = new PiiMatch(stamp, 0, PiiType.Email);
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
                // The word itself holds no dot; only the run of local-part bytes after it can.
                var host = runEnd > wordEnd && s[wordEnd..runEnd].Contains((byte)'.') ? HostDetector.MatchDnsName(s, p) : -1;
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool KeyValue(ReadOnlySpan<byte> s, int p, out PiiMatch match)
    {
        match = default;
        if (!(On(PiiType.Username) || On(PiiType.Hostname)) || !KeyValueDetector.Match(s, p, out var type, out var start, out var end))
        {
            return false;
        }

        // The value may be something more specific (host=10.0.0.5, user=anna@example.com, user=CORP\anna).
        if (AtWord(s, start, WordEnd(s, start), keyValues: false, out match) && match.Start < end && match.Length > 0)
        {
            return true;
        }

        return On(type) && Found(start, end, type, out match);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
}
