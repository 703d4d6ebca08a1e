using System.Runtime.CompilerServices;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Redaction.Detectors;

/// <summary>
/// Phone numbers. Three shapes are accepted, and nothing else, so that timestamps, dates, versions, durations,
/// sizes and bare ids are never taken:
/// international (<c>+</c> or <c>00</c>, country code, groups; 8 to 15 digits as E.164 allows);
/// national with a trunk 0 (<c>020 7946 0958</c>, <c>030-1234567</c>, <c>01 23 45 67 89</c>; 10 to 12 digits, at least two groups);
/// North American 3-3-4 (<c>(555) 123-4567</c>, <c>555-123-4567</c>, <c>555.123.4567</c>).
/// Groups are separated by one space, hyphen or dot; a colon never joins groups, so 00:01:23 is not a number.
/// </summary>
internal static class PhoneDetector
{
    private const int MaxDigits = 15;

    /// <summary>The end of a number starting at <paramref name="p"/> (<c>+</c>, <c>(</c> or a digit), or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Match(ReadOnlySpan<byte> s, int p)
    {
        var prev = At(s, p - 1);
        if (Glued(s, p - 1) || prev is (byte)'.' or (byte)'-' or (byte)'+' or (byte)'/' or (byte)':' || (prev == '(' && s[p] != '('))
        {
            return -1;
        }

        var b = s[p];
        if (b == '+')
        {
            return IsDigit(At(s, p + 1)) ? Groups(s, p + 1, 8, MaxDigits, out _) : -1;
        }

        if (b == '0' && At(s, p + 1) == '0' && IsDigit(At(s, p + 2)))
        {
            return Groups(s, p, 10, MaxDigits + 2, out _);
        }

        if (b == '(' || b == '0')
        {
            var end = Groups(s, p, 10, 12, out var groups);
            if (end > 0 && groups >= 2 && At(s, p + (b == '(' ? 1 : 0)) == '0')
            {
                return end;
            }

            return b == '(' ? NorthAmerican(s, p) : -1;
        }

        if (b == '1' && At(s, p + 1) is (byte)'-' or (byte)' ' or (byte)'.')
        {
            return NorthAmerican(s, p + 2);
        }

        return NorthAmerican(s, p);
    }

    /// <summary>Digit groups from <paramref name="p"/>; a first group may be in parentheses. Returns the end if the digit count is in range, else -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Groups(ReadOnlySpan<byte> s, int p, int minDigits, int maxDigits, out int groups)
    {
        groups = 0;
        var digits = 0;
        var i = p;
        var end = -1;
        while (true)
        {
            var open = At(s, i) == '(';
            var j = open ? i + 1 : i;
            var k = j;
            while (IsDigit(At(s, k)) && k - j <= maxDigits)
            {
                k++;
            }

            var n = k - j;
            var dotted = groups > 0 && At(s, i - 1) == '.';
            if (n == 0 || (dotted && n < 2) || (open && At(s, k) != ')') || digits + n > maxDigits || (groups > 0 && !(open && IsDigit(At(s, k + 1))) && !ContinuesNumber(s, j, open ? k + 1 : k)))
            {
                break;
            }

            digits += n;
            groups++;
            end = open ? k + 1 : k;
            var sep = At(s, end);
            var after = At(s, end + 1);
            if (sep is (byte)' ' or (byte)'-' or (byte)'.' && (IsDigit(after) || after == '('))
            {
                i = end + 1;
            }
            else if (open && IsDigit(sep))
            {
                i = end;
            }
            else
            {
                break;
            }
        }

        if (end < 0 || digits < minDigits)
        {
            return -1;
        }

        var next = At(s, end);
        if (next is (byte)' ' or (byte)'-' or (byte)'.' && At(s, end + 1) is (byte)'<' or (byte)'*' && Glued(s, end + 1))
        {
            return -1;
        }

        return Glued(s, end) || next is (byte)'_' || (next is (byte)'.' or (byte)'-' or (byte)':' && (IsDigit(At(s, end + 1)) || Glued(s, end + 1))) ? -1 : end;
    }

    /// <summary>A later group belongs to the number unless what follows it makes it a time (<c>:</c>), a path, a word or a date (<c>2024-03-15</c>).</summary>
    private static bool ContinuesNumber(ReadOnlySpan<byte> s, int groupStart, int groupEnd)
    {
        var next = At(s, groupEnd);
        var date = groupEnd - groupStart == 4 && next == '-' && IsDigit(At(s, groupEnd + 1)) && IsDigit(At(s, groupEnd + 2)) && At(s, groupEnd + 3) == '-';
        return !IsWord(next) && next != ':' && next != '/' && !date;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NorthAmerican(ReadOnlySpan<byte> s, int p)
    {
        var i = p;
        byte sep;
        if (At(s, i) == '(')
        {
            if (!Digits(s, i + 1, 3) || At(s, i + 4) != ')')
            {
                return -1;
            }

            i += 5;
            if (At(s, i) == ' ')
            {
                i++;
            }

            if (!Digits(s, i, 3) || At(s, i + 3) is not ((byte)'-' or (byte)' ' or (byte)'.'))
            {
                return -1;
            }

            sep = s[i + 3];
            i += 4;
        }
        else
        {
            sep = At(s, i + 3);
            if (!Digits(s, i, 3) || sep is not ((byte)'-' or (byte)' ' or (byte)'.') || !Digits(s, i + 4, 3) || At(s, i + 7) != sep)
            {
                return -1;
            }

            i += 8;
        }

        var area = At(s, p) == '(' ? At(s, p + 1) : At(s, p);
        if (!Digits(s, i, 4) || area is (byte)'0' or (byte)'1')
        {
            return -1;
        }

        var end = i + 4;
        var next = At(s, end);
        var joined = (next is (byte)'.' or (byte)'-' or (byte)':' || next == sep) && IsDigit(At(s, end + 1));
        return Glued(s, end) || next == '_' || joined ? -1 : end;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int at, int count)
    {
        for (var k = 0; k < count; k++)
        {
            if (!IsDigit(At(s, at + k)))
            {
                return false;
            }
        }

        return !IsDigit(At(s, at + count));
    }
}
