using System.Runtime.CompilerServices;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Redaction.Detectors;

/// <summary>Parses a DNS name (labels of letters, digits and hyphens joined by dots) and knows the top-level domains that make a dotted word a host name.</summary>
internal static class DomainName
{
    /// <summary>RFC 1035: a name is at most 253 bytes, a label at most 63.</summary>
    public const int MaxLength = 253;

    private const int MaxLabel = 63;

    // A curated list, not the root zone: top-level domains that double as file extensions or code namespaces
    // (.sh, .py, .pl, .rs, .md, .so, .ps, .ai, .ml, .in, .am, .ms, .zip, .mov, .app, .dev) are left out so that
    // script.sh, System.Net.Http or setup.exe are never taken for hosts; e-mail domains accept any alphabetic TLD.
    private static readonly HashSet<ulong> HostTlds = [.. new[]
    {
        "com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "co", "me", "tv", "cc",
        "uk", "de", "fr", "nl", "eu", "us", "ca", "au", "jp", "ch", "at", "se", "no", "dk", "fi", "it", "es",
        "be", "cz", "ie", "nz", "br", "ru", "cn", "pt", "gr", "hu", "ro", "sk", "si", "hr", "bg", "lt", "lv",
        "ee", "lu", "is", "za", "mx", "ar", "cl", "kr", "tw", "hk", "sg", "il", "tr", "ua", "jp",
        "local", "lan", "corp", "internal", "intranet", "intra", "home", "example", "test", "localdomain",
    }.Select(Pack)];

    /// <summary>
    /// Parses a name at <paramref name="start"/>. Returns the end (a trailing dot is not part of it), the number of
    /// labels and where the last label starts; -1 if the bytes there do not form a name.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Parse(ReadOnlySpan<byte> s, int start, out int labels, out int lastLabel)
    {
        labels = 0;
        lastLabel = start;
        var i = start;
        var end = -1;
        while (true)
        {
            var labelEnd = RunEnd(s, i, ByteKind.Upper | ByteKind.Lower | ByteKind.Digit, MaxLabel + 1);
            while (labelEnd < s.Length && labelEnd - i <= MaxLabel && (s[labelEnd] == '-' || IsAlnum(s[labelEnd])))
            {
                labelEnd++;
            }

            var length = labelEnd - i;
            // A bad label after a dot spoils the whole name: stopping short would take mail.example.co out of
            // mail.example.co.uk-001a, a different name from the one written.
            if (length == 0 || length > MaxLabel || s[labelEnd - 1] == '-' || s[i] == '-' || labelEnd - start > MaxLength)
            {
                return -1;
            }

            labels++;
            lastLabel = i;
            end = labelEnd;
            if (At(s, labelEnd) != '.' || !IsAlnum(At(s, labelEnd + 1)))
            {
                return end;
            }

            i = labelEnd + 1;
        }
    }

    /// <summary>True when the last label is alphabetic and at least two letters: what an e-mail domain needs.</summary>
    public static bool HasAlphabeticTld(ReadOnlySpan<byte> s, int lastLabel, int end)
    {
        if (end - lastLabel < 2)
        {
            return false;
        }

        for (var i = lastLabel; i < end; i++)
        {
            if (!IsAlpha(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the last label is one of the top-level domains that mark a host name.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool HasHostTld(ReadOnlySpan<byte> s, int lastLabel, int end)
    {
        var length = end - lastLabel;
        if (length is < 2 or > 8)
        {
            return length == 11 && StartsWithLower(s, lastLabel, "localdomain"u8);
        }

        ulong packed = 0;
        for (var i = end - 1; i >= lastLabel; i--)
        {
            var b = s[i];
            if (!IsAlpha(b))
            {
                return false;
            }

            packed = (packed << 8) | Lower(b);
        }

        return HostTlds.Contains(packed);
    }

    private static ulong Pack(string tld)
    {
        ulong packed = 0;
        for (var i = tld.Length - 1; i >= 0; i--)
        {
            packed = (packed << 8) | tld[i];
        }

        return tld.Length <= 8 ? packed : 0;
    }
}
