using Pledge.Policy.Model;

namespace Pledge.Tests.Policy;

public sealed class PolicyDurationTests
{
    [Theory]
    [InlineData("7 days", 0, 0, 7)]
    [InlineData("1 week", 0, 0, 7)]
    [InlineData("13 months", 0, 13, 0)]
    [InlineData("4 years", 4, 0, 0)]
    [InlineData("1 year 6 months", 1, 6, 0)]
    [InlineData("1 year, 6 months and 2 days", 1, 6, 2)]
    [InlineData("P30D", 0, 0, 30)]
    [InlineData("P1Y6M", 1, 6, 0)]
    [InlineData("P2W", 0, 0, 14)]
    [InlineData("0 days", 0, 0, 0)]
    public void TryParse_HumanAndIsoForms_Parses(string text, int years, int months, int days)
    {
        Assert.True(PolicyDuration.TryParse(text, out var d, out var error), error);
        Assert.Equal(new PolicyDuration(years, months, days), d);
    }

    [Theory]
    [InlineData("")]
    [InlineData("thirty days")]
    [InlineData("7")]
    [InlineData("7 fortnights")]
    [InlineData("P")]
    [InlineData("7 days banana")]
    [InlineData("99999999999 days")]
    public void TryParse_Garbage_ReturnsFalseWithMessage(string text)
    {
        Assert.False(PolicyDuration.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void AddTo_OneMonthFromJanuary31_LandsOnLastDayOfFebruary()
    {
        var start = new DateTimeOffset(2027, 1, 31, 12, 0, 0, TimeSpan.Zero);

        var due = new PolicyDuration(0, 1, 0).AddTo(start);

        Assert.Equal(new DateTimeOffset(2027, 2, 28, 12, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void ToString_RoundTripsThroughTryParse()
    {
        var d = new PolicyDuration(1, 6, 3);

        Assert.True(PolicyDuration.TryParse(d.ToString(), out var back, out _));
        Assert.Equal(d, back);
        Assert.True(PolicyDuration.TryParse(d.ToIso8601(), out var iso, out _));
        Assert.Equal(d, iso);
    }
}
