using System.Buffers.Binary;
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
    // Eight bytes checked at once against a shape: digits where its mask has a high bit, the separators exactly.
    // A byte b is a digit when x = b ^ '0' is below 10, that is when neither x nor x + 0x76 has its high bit set;
    // an addition carries into the next byte only from a byte that fails already.
    private const ulong Zeros = 0x3030303030303030;
    private const ulong Bias = 0x7676767676767676;

    // "2024-03-": digits at bytes 0-3 and 5-6, '-' at 4 and 7 (byte 0 lowest).
    private const ulong DateDigits = 0x0080_8000_8080_8080;
    private const ulong DateSeparatorMask = 0xFF00_00FF_0000_0000;
    private const ulong DateSeparators = 0x2D00_002D_0000_0000;

    // "14:22:01": digits at bytes 0-1, 3-4 and 6-7, ':' at 2 and 5.
    private const ulong TimeDigits = 0x8080_0080_8000_8080;
    private const ulong TimeSeparatorMask = 0x0000_FF00_00FF_0000;
    private const ulong TimeSeparators = 0x0000_3A00_003A_0000;

    /// <summary>The end of a date, time or both starting at <paramref name="p"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Match(ReadOnlySpan<byte> s, int p)
    {
        var i = p;
        if (IsDate(s, i))
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
        if (!IsTime(s, i))
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

    /// <summary>Whether yyyy-mm-dd starts at <paramref name="i"/>, not followed by a digit: one 8-byte check where the span allows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsDate(ReadOnlySpan<byte> s, int i) =>
        i + 8 <= s.Length ? Shaped(s, i, DateDigits, DateSeparatorMask, DateSeparators) && Digits(s, i + 8, 2) : IsDateBytewise(s, i);

    /// <summary>Whether hh:mm:ss starts at <paramref name="i"/>, not followed by a digit: one 8-byte check where the span allows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsTime(ReadOnlySpan<byte> s, int i) =>
        i + 8 <= s.Length ? Shaped(s, i, TimeDigits, TimeSeparatorMask, TimeSeparators) && !IsDigit(At(s, i + 8)) : IsTimeBytewise(s, i);

    /// <summary><see cref="IsDate"/> a byte at a time, for the last bytes of a span.</summary>
    internal static bool IsDateBytewise(ReadOnlySpan<byte> s, int i) =>
        Digits(s, i, 4) && At(s, i + 4) == '-' && Digits(s, i + 5, 2) && At(s, i + 7) == '-' && Digits(s, i + 8, 2);

    /// <summary><see cref="IsTime"/> a byte at a time, for the last bytes of a span.</summary>
    internal static bool IsTimeBytewise(ReadOnlySpan<byte> s, int i) =>
        Digits(s, i, 2) && At(s, i + 2) == ':' && Digits(s, i + 3, 2) && At(s, i + 5) == ':' && Digits(s, i + 6, 2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Shaped(ReadOnlySpan<byte> s, int i, ulong digits, ulong separatorMask, ulong separators)
    {
        var w = BinaryPrimitives.ReadUInt64LittleEndian(s[i..]);
        var x = w ^ Zeros;
        return (w & separatorMask) == separators && ((x | (x + Bias)) & digits) == 0;
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
