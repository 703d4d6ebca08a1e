using System.Text;
using Pledge.Redaction;

namespace Pledge.Tests.Redaction;

public sealed class RedactorJsonLinesTests
{
    private static readonly Redactor Redactor = new(new RedactionOptions());

    [Fact]
    public async Task RedactJsonLinesAsync_AllStrings_RedactsValuesKeepsLayout()
    {
        var input = "{\"ip\": \"10.0.0.1\",  \"n\": 10.5, \"msg\":\"from anna@example.com\", \"tags\":[\"b@example.org\"], \"a@example.com\": 1}\n";

        var (output, report) = await RunAsync(input, null);

        Assert.Equal("{\"ip\": \"<IPV4>\",  \"n\": 10.5, \"msg\":\"from <EMAIL>\", \"tags\":[\"<EMAIL>\"], \"a@example.com\": 1}\n", output);
        Assert.Equal(1, report.JsonLines);
        Assert.Equal(0, report.InvalidJsonLines);
    }

    [Fact]
    public async Task RedactJsonLinesAsync_ChosenKeys_OnlyThoseValues()
    {
        var options = new JsonLinesOptions { Keys = new HashSet<string> { "msg" }, WholeValueKeys = new Dictionary<string, PiiType> { ["user"] = PiiType.Username } };
        var input = "{\"user\":\"anna\",\"msg\":\"ip 10.0.0.1\",\"other\":\"10.0.0.2\"}\n";

        var (output, _) = await RunAsync(input, options);

        Assert.Equal("{\"user\":\"<USERNAME>\",\"msg\":\"ip <IPV4>\",\"other\":\"10.0.0.2\"}\n", output);
    }

    [Fact]
    public async Task RedactJsonLinesAsync_EscapedString_ReescapesResult()
    {
        var (output, _) = await RunAsync("{\"m\":\"\\\"quoted\\\" a\\u0040example.com \\u00e9\"}\n", null);

        Assert.Equal("{\"m\":\"\\\"quoted\\\" <EMAIL> é\"}\n", output);
    }

    [Fact]
    public async Task RedactJsonLinesAsync_NotJson_RedactedAsTextAndCounted()
    {
        var (output, report) = await RunAsync("{\"a\":\"x@example.com\"}\nnot json x@example.com\n{broken\n\n", null);

        Assert.Equal("{\"a\":\"<EMAIL>\"}\nnot json <EMAIL>\n{broken\n\n", output);
        Assert.Equal(2, report.InvalidJsonLines);
    }

    [Fact]
    public async Task RedactJsonLinesAsync_LineLongerThanLimit_RedactedAsText()
    {
        var longValue = string.Concat(Enumerable.Repeat("x@example.com ", 400));
        var input = "{\"m\":\"" + longValue + "\"}\n{\"m\":\"y@example.com\"}\n";
        var options = new JsonLinesOptions { MaxLineBytes = 2048 };

        var (output, report) = await RunAsync(input, options);

        Assert.Equal("{\"m\":\"" + string.Concat(Enumerable.Repeat("<EMAIL> ", 400)) + "\"}\n{\"m\":\"<EMAIL>\"}\n", output);
        Assert.Equal(1, report.InvalidJsonLines);
        Assert.Equal(2, report.JsonLines);
    }

    private static async Task<(string Output, RedactionReport Report)> RunAsync(string input, JsonLinesOptions? options)
    {
        using var output = new MemoryStream();
        var report = await Redactor.RedactJsonLinesAsync(new TrickleStream(Encoding.UTF8.GetBytes(input), 5), output, options);
        return (Encoding.UTF8.GetString(output.ToArray()), report);
    }
}
