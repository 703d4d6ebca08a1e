using System.Runtime.CompilerServices;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Redaction.Detectors;

/// <summary>
/// MAC addresses in colon (<c>00:1A:2B:3C:4D:5E</c>), dash (<c>00-1A-2B-3C-4D-5E</c>) and dot (<c>001A.2B3C.4D5E</c>)
/// form. The dot form must contain a letter a-f: 1234.5678.9012 is more often a number than an address, and only
/// 0.35% of addresses ((10/16)^12) are all decimal.
/// </summary>
internal static class MacDetector
{
    /// <summary>The end of an address starting at <paramref name="p"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Match(ReadOnlySpan<byte> s, int p)
    {
        var prev = At(s, p - 1);
        if (prev is (byte)':' or (byte)'-' or (byte)'.' && IsHex(At(s, p - 2)))
        {
            return -1;
        }

        var sep = At(s, p + 2);
        var end = sep is (byte)':' or (byte)'-' ? Grouped(s, p, sep) : DotForm(s, p);
        if (end < 0)
        {
            return -1;
        }

        var next = At(s, end);
        return Glued(s, end) || (next is (byte)':' or (byte)'-' or (byte)'.' && (IsHex(At(s, end + 1)) || Glued(s, end + 1))) ? -1 : end;
    }

    private static int Grouped(ReadOnlySpan<byte> s, int p, byte sep)
    {
        var i = p;
        for (var group = 0; group < 6; group++)
        {
            if (group > 0)
            {
                if (At(s, i) != sep)
                {
                    return -1;
                }

                i++;
            }

            if (!IsHex(At(s, i)) || !IsHex(At(s, i + 1)))
            {
                return -1;
            }

            i += 2;
        }

        return i;
    }

    private static int DotForm(ReadOnlySpan<byte> s, int p)
    {
        var i = p;
        var letters = false;
        for (var group = 0; group < 3; group++)
        {
            if (group > 0)
            {
                if (At(s, i) != '.')
                {
                    return -1;
                }

                i++;
            }

            for (var k = 0; k < 4; k++, i++)
            {
                var b = At(s, i);
                if (!IsHex(b))
                {
                    return -1;
                }

                letters |= !IsDigit(b);
            }
        }

        return letters ? i : -1;
    }
}
