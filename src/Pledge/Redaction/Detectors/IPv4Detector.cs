using System.Runtime.CompilerServices;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Redaction.Detectors;

/// <summary>
/// Dotted-quad IPv4 addresses. A following <c>:port</c> or <c>/prefix</c> stays in place. Four-part versions are
/// told apart by what surrounds them: 10.0.19045.1 has a part above 255, 1.2.3.4.5 has a fifth part, and
/// "version 1.2.3.4" or "v1.2.3.4" is preceded by the word that says so.
/// </summary>
internal static class IPv4Detector
{
    /// <summary>The end of an address starting at <paramref name="p"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Match(ReadOnlySpan<byte> s, int p)
    {
        var prev = At(s, p - 1);
        if (prev is (byte)'.' || Glued(s, p - 1) || (prev == '-' && IsAlnum(At(s, p - 2))))
        {
            return -1;
        }

        var end = ParseOctets(s, p, out _);
        if (end < 0)
        {
            return -1;
        }

        var next = At(s, end);
        if (Glued(s, end) || next == '_' || (next is (byte)'.' or (byte)'-' && (IsAlnum(At(s, end + 1)) || Glued(s, end + 1))))
        {
            return -1;
        }

        return FollowsVersionWord(s, p) ? -1 : end;
    }

    /// <summary>Parses four octets at <paramref name="p"/> into <paramref name="value"/>; returns the end or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int ParseOctets(ReadOnlySpan<byte> s, int p, out uint value)
    {
        value = 0;
        var i = p;
        for (var octet = 0; octet < 4; octet++)
        {
            if (octet > 0)
            {
                if (At(s, i) != '.')
                {
                    return -1;
                }

                i++;
            }

            var n = 0;
            var digits = 0;
            while (digits < 4 && IsDigit(At(s, i)))
            {
                n = (n * 10) + (s[i] - '0');
                i++;
                digits++;
            }

            if (digits is 0 or > 3 || n > 255)
            {
                return -1;
            }

            value = (value << 8) | (uint)n;
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool FollowsVersionWord(ReadOnlySpan<byte> s, int p)
    {
        var i = p - 1;
        while (i >= 0 && p - i <= 2 && s[i] is (byte)' ' or (byte)'=' or (byte)':')
        {
            i--;
        }

        var wordEnd = i + 1;
        while (i >= 0 && wordEnd - i <= 8 && IsAlpha(s[i]))
        {
            i--;
        }

        var word = wordEnd - (i + 1);
        return word > 0 && (IsWord(At(s, i)) is false) && (
            (word == 1 && Lower(s[i + 1]) == 'v') ||
            (word == 3 && StartsWithLower(s, i + 1, "ver"u8)) ||
            (word == 5 && StartsWithLower(s, i + 1, "build"u8)) ||
            (word == 7 && StartsWithLower(s, i + 1, "version"u8)));
    }
}
