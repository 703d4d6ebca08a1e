using Pledge.Redaction.Detectors;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Tests.Redaction.Detectors;

public sealed class TimestampSkipperTests
{
    [Theory]
    [InlineData("2024-03-15 14:22:01.123 x", 23)]
    [InlineData("2024-03-15T14:22:01Z x", 20)]
    [InlineData("2024-03-15T14:22:01+01:00 x", 25)]
    [InlineData("14:22:01,5 x", 10)]
    [InlineData("2024-03-15 x", 10)]
    [InlineData("10:20:30::1", -1)]
    [InlineData("2024-03-151", -1)]
    [InlineData("14:22:011", -1)]
    [InlineData("14:22:01", 8)]
    [InlineData("2024-03-1", -1)]
    public void Match_DatesAndTimes_EndOrNone(string text, int end)
    {
        Assert.Equal(end, TimestampSkipper.Match(System.Text.Encoding.ASCII.GetBytes(text), 0));
    }

    /// <summary>Eight bytes checked at once find exactly what the byte-by-byte reading found, anywhere in a span.</summary>
    [Fact]
    public void Match_RandomNearTimestamps_SameAsByteByByte()
    {
        var random = new Random(17);
        var alphabet = "0123456789-:. TZ+,x\u00e9"u8.ToArray();
        var shapes = new[] { "2024-03-15 14:22:01.123", "2024-03-15T14:22:01Z", "14:22:01", "2024-03-15", "09:05:07+0100" };
        for (var n = 0; n < 50_000; n++)
        {
            var text = System.Text.Encoding.ASCII.GetBytes(shapes[random.Next(shapes.Length)] + "  ");
            var edits = random.Next(3);
            for (var e = 0; e < edits; e++)
            {
                text[random.Next(text.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            var s = text.AsSpan(0, random.Next(1, text.Length + 1));
            Assert.Equal(ByteByByte.Match(s, 0), TimestampSkipper.Match(s, 0));
        }
    }

    /// <summary>The reading before the eight-byte check, kept as the oracle.</summary>
    private static class ByteByByte
    {
        /// <summary>The end of a date, time or both starting at <paramref name="p"/>, or -1.</summary>

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
}
