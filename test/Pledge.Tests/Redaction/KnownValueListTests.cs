using Pledge.Redaction;

namespace Pledge.Tests.Redaction;

public sealed class KnownValueListTests
{
    [Fact]
    public void Parse_ValuesCommentsAndTypes_ReadsEach()
    {
        var list = KnownValueList.Parse(["# people", "Anna Berg", "", "username\tjsmith", "hostname\tWS-BERG-01", "anna berg"]);

        Assert.Empty(list.Errors);
        Assert.Equal([new KnownValue("Anna Berg"), new KnownValue("jsmith", PiiType.Username), new KnownValue("WS-BERG-01", PiiType.Hostname)], list.Values);
    }

    [Fact]
    public void Parse_BadLines_ReportsEachWithItsLine()
    {
        var list = KnownValueList.Parse(["ok value", "x", "planet\tMars", new string('a', 300)]);

        Assert.Equal(["ok value"], list.Values.Select(v => v.Value));
        Assert.Equal(3, list.Errors.Count);
        Assert.StartsWith("line 2:", list.Errors[0], StringComparison.Ordinal);
        Assert.StartsWith("line 3:", list.Errors[1], StringComparison.Ordinal);
        Assert.StartsWith("line 4:", list.Errors[2], StringComparison.Ordinal);
    }
}
