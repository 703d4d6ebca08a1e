using System.Runtime.CompilerServices;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Redaction.Detectors;

/// <summary>
/// IPv6 addresses in every textual form of RFC 4291 and RFC 5952: eight groups, <c>::</c> compression, an embedded
/// IPv4 tail, and a <c>%zone</c>. Brackets and a port (<c>[2001:db8::1]:443</c>) stay in place. Times such as
/// 14:22:01 are not addresses (three groups and no <c>::</c>), nor is <c>Add::</c> or <c>cafe::face</c>: an address
/// must contain a decimal digit, which costs 1 in 10^4 of real compressed addresses and saves C++ scope names.
/// </summary>
internal static class IPv6Detector
{
    private const int MaxZone = 32;

    /// <summary>The end of an address starting at <paramref name="p"/> (a hex digit or the first colon of <c>::</c>), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Match(ReadOnlySpan<byte> s, int p)
    {
        var prev = At(s, p - 1);
        if (Glued(s, p - 1) || prev == '.' || (prev == ':' && (IsHex(At(s, p - 2)) || At(s, p - 2) == ':' || Glued(s, p - 2))))
        {
            return -1;
        }

        var end = Parse(s, p, out _);
        if (end < 0)
        {
            return -1;
        }

        if (At(s, end) == '%' && IsAlnum(At(s, end + 1)))
        {
            end = RunEnd(s, end + 1, ByteKind.Host, MaxZone);
        }

        var next = At(s, end);
        return Glued(s, end) || next == '_' || (next == ':' && (IsHex(At(s, end + 1)) || Glued(s, end + 1))) || (next == '.' && (IsDigit(At(s, end + 1)) || Glued(s, end + 1))) ? -1 : end;
    }

    /// <summary>Parses an address at <paramref name="p"/> into 16 bytes; returns the end (before any zone) or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Parse(ReadOnlySpan<byte> s, int p, out UInt128 value)
    {
        value = 0;
        Span<ushort> groups = stackalloc ushort[8];
        var count = 0;
        var gap = -1;
        var digit = false;
        var i = p;
        if (At(s, i) == ':')
        {
            if (At(s, i + 1) != ':')
            {
                return -1;
            }

            gap = 0;
            i += 2;
        }

        while (count < 8)
        {
            var j = i;
            var n = 0;
            while (j - i < 5 && IsHex(At(s, j)))
            {
                digit |= IsDigit(s[j]);
                n = (n << 4) | HexValue(s[j]);
                j++;
            }

            if (j == i)
            {
                break;
            }

            if (At(s, j) == '.' && count <= 6)
            {
                var v4End = IPv4Detector.ParseOctets(s, i, out var v4);
                if (v4End < 0)
                {
                    return -1;
                }

                groups[count++] = (ushort)(v4 >> 16);
                groups[count++] = (ushort)v4;
                i = v4End;
                break;
            }

            if (j - i > 4)
            {
                return -1;
            }

            groups[count++] = (ushort)n;
            i = j;
            if (At(s, i) != ':')
            {
                break;
            }

            if (At(s, i + 1) == ':')
            {
                if (gap >= 0)
                {
                    return -1;
                }

                gap = count;
                i += 2;
            }
            else if (IsHex(At(s, i + 1)) && count < 8)
            {
                i++;
            }
            else
            {
                break;
            }
        }

        if (!digit || count == 0 || (gap < 0 ? count != 8 : count > 7))
        {
            return -1;
        }

        var missing = 8 - count;
        for (var k = 0; k < count; k++)
        {
            var position = gap >= 0 && k >= gap ? k + missing : k;
            value |= (UInt128)groups[k] << (16 * (7 - position));
        }

        return i;
    }
}
