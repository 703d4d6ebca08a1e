using System.Runtime.CompilerServices;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Redaction.Detectors;

/// <summary>
/// Recognises the dates and times that start most log lines (<c>2024-03-15 14:22:01.123</c>,
/// <c>2024-03-15T14:22:01Z</c>, <c>14:22:01.123</c>) so the scanner steps over them whole instead of asking
/// every detector at each of their six or seven numbers. None of them is personal data, and no value can start
/// inside one.
/// </summary>
internal static class TimestampSkipper
{
    /// <summary>The end of a date, time or both starting at <paramref name="p"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Match(ReadOnlySpan<byte> s, int p)
    {
        var i = p;
        if (Digits(s, i, 4) && At(s, i + 4) == '-' && Digits(s, i + 5, 2) && At(s, i + 7) == '-' && Digits(s, i + 8, 2))
        {
            i += 10;
            if (!(At(s, i) is (byte)' ' or (byte)'T' && Time(s, i + 1) is var afterTime and > 0))
            {
                return IsDigit(At(s, i)) ? -1 : i;
            }

            i = afterTime;
        }
        else if (Time(s, i) is var time and > 0)
        {
            i = time;
        }
        else
        {
            return -1;
        }

        // A zone: Z, +01:00, -0500.
        if (At(s, i) == 'Z' && !IsWord(At(s, i + 1)))
        {
            i++;
        }
        else if (At(s, i) is (byte)'+' or (byte)'-' && Digits(s, i + 1, 2) && !IsDigit(At(s, i + 3)))
        {
            i += At(s, i + 3) == ':' && Digits(s, i + 4, 2) ? 6 : 3;
        }

        // Followed by more of the same (10:20:30::1, 12:34:56:78:9a:bc, 1.2.3) it is something else.
        return IsWord(At(s, i)) || At(s, i) == ':' || (At(s, i) == '.' && IsDigit(At(s, i + 1))) ? -1 : i;
    }

    /// <summary>hh:mm:ss with optional .fraction; the end or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Time(ReadOnlySpan<byte> s, int i)
    {
        if (!(Digits(s, i, 2) && At(s, i + 2) == ':' && Digits(s, i + 3, 2) && At(s, i + 5) == ':' && Digits(s, i + 6, 2)))
        {
            return -1;
        }

        i += 8;
        if (At(s, i) is (byte)'.' or (byte)',' && IsDigit(At(s, i + 1)))
        {
            // Up to nanoseconds; a longer run of digits is not a time.
            var start = ++i;
            while (IsDigit(At(s, i)) && i - start <= 9)
            {
                i++;
            }

            if (i - start > 9)
            {
                return -1;
            }
        }

        return i;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
