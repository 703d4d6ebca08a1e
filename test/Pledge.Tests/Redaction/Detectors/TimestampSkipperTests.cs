using Pledge.Redaction.Detectors;

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

    /// <summary>The 8-byte checks of a date and a time agree with the byte-by-byte ones, at every position of edited timestamps.</summary>
    [Fact]
    public void IsDateIsTime_RandomNearTimestamps_SameAsByteByByte()
    {
        var random = new Random(17);
        var alphabet = "0123456789-:. TZ+,x\u00e9"u8.ToArray();
        var shapes = new[] { "2024-03-15 14:22:01.123", "2024-03-15T14:22:01Z", "14:22:01", "2024-03-15", "09:05:07+0100" };
        var dates = 0;
        var times = 0;
        for (var n = 0; n < 50_000; n++)
        {
            var text = System.Text.Encoding.ASCII.GetBytes(shapes[random.Next(shapes.Length)] + "  ");
            for (var e = random.Next(3); e > 0; e--)
            {
                text[random.Next(text.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            var s = text.AsSpan(0, random.Next(1, text.Length + 1));
            for (var i = 0; i < s.Length; i++)
            {
                var date = TimestampSkipper.IsDateBytewise(s, i);
                var time = TimestampSkipper.IsTimeBytewise(s, i);
                Assert.Equal(date, TimestampSkipper.IsDate(s, i));
                Assert.Equal(time, TimestampSkipper.IsTime(s, i));
                dates += date ? 1 : 0;
                times += time ? 1 : 0;
            }
        }

        // Both answers must have come up often, or the comparison says little.
        Assert.True(dates > 5_000 && times > 5_000, $"{dates} dates and {times} times");
    }
}
