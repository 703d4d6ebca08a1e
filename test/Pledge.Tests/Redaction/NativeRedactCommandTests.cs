using System.Diagnostics;
using System.Text;
using Pledge.Redaction;
using Pledge.Redaction.Samples;
using Pledge.Tests.Support;

namespace Pledge.Tests.Redaction;

/// <summary>
/// pledge-redact, the native build of <c>pledge redact</c>: the command's whole contract, and output byte for byte
/// that of the library (the engine compiled ahead of time for this CPU must not differ from the JIT-compiled one).
/// </summary>
public sealed class NativeRedactCommandTests : RedactCommandContract
{
    private const string KeyHex = "8f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778";

    protected override ProcessStartInfo StartInfo(IReadOnlyList<string> args)
    {
        Assert.Equal("redact", args[0]);
        var start = new ProcessStartInfo(NativeRedact.Path);
        foreach (var arg in args.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    [Theory]
    [InlineData("tag")]
    [InlineData("pseudonym")]
    [InlineData("mask")]
    [InlineData("partial")]
    public async Task SampleLogs_SameBytesAndCountsAsLibrary(string op)
    {
        var input = Path.Combine(Dir, "sample.log");
        await using (var file = File.Create(input))
        {
            await SampleLog.WriteAsync(file, 3 << 20, seed: 7);
        }

        var knownValues = SampleLog.KnownValuesFor(seed: 7);
        var known = Write("known.txt", SampleLog.KnownValuesFile(knownValues));
        var options = new RedactionOptions
        {
            KnownValues = knownValues,
            DefaultOperator = Enum.Parse<RedactionOperator>(op, ignoreCase: true),
            Key = op == "pseudonym" ? Key() : null,
        };

        var (code, _, stderr) = await RunAsync("", ["redact", "--operator", op, "--known-values", known, "--out", Path.Combine(Dir, "out"), "--report", input], Environment());

        Assert.Equal(0, code);
        var (expected, report) = await RedactInProcessAsync(options, await File.ReadAllBytesAsync(input));
        Assert.True(report.Total > 10_000, $"the sample should hold many values, found {report.Total}");
        AssertSameBytes(expected, await File.ReadAllBytesAsync(Path.Combine(Dir, "out", "sample.log")));
        Assert.Contains($"\"total\":{report.Total},", stderr, StringComparison.Ordinal);
        foreach (var (type, count) in report.Counts.Where(c => c.Value > 0))
        {
            Assert.Contains($"\"{PiiTypes.Tag(type)}\":{count}", stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ArbitraryBytes_SameBytesAsLibrary()
    {
        var random = new Random(11);
        var bytes = new byte[1 << 20];
        random.NextBytes(bytes);

        // Sprinkle values and near-values among the noise so detectors fire on invalid UTF-8 around them.
        var values = Encoding.UTF8.GetBytes(" anna@example.com 10.0.0.1 fe80::1%eth0 4111 1111 1111 1111 DE89370400440532013000 ");
        for (var at = 0; at + values.Length < bytes.Length; at += 4_099)
        {
            values.CopyTo(bytes, at);
        }

        var input = Path.Combine(Dir, "noise.bin");
        await File.WriteAllBytesAsync(input, bytes);

        var (code, _, _) = await RunAsync("", "redact", "--out", Path.Combine(Dir, "out"), input);

        Assert.Equal(0, code);
        var (expected, _) = await RedactInProcessAsync(new RedactionOptions(), bytes);
        AssertSameBytes(expected, await File.ReadAllBytesAsync(Path.Combine(Dir, "out", "noise.bin")));
    }

    [Fact]
    public async Task UnknownOption_ExitUsageNamesTheProgram()
    {
        var (code, stdout, stderr) = await RunAsync("", "redact", "--detect");

        Assert.Equal(64, code);
        Assert.Empty(stdout);
        Assert.StartsWith("pledge-redact: ", stderr, StringComparison.Ordinal);
        Assert.Contains("Run 'pledge-redact --help' for usage.", stderr, StringComparison.Ordinal);
    }

    private static void AssertSameBytes(byte[] expected, byte[] actual)
    {
        var at = expected.AsSpan().CommonPrefixLength(actual);
        Assert.True(at == expected.Length && at == actual.Length, $"native output ({actual.Length} bytes) differs from the library's ({expected.Length} bytes) at byte {at}");
    }

    private static PseudonymKey Key()
    {
        Assert.True(PseudonymKey.TryCreate(KeyHex, "t1", out var key, out var error), error);
        return key!;
    }

    private static (string, string)[] Environment() => [(PseudonymKey.KeyVariable, KeyHex), (PseudonymKey.KeyIdVariable, "t1")];

    private static async Task<(byte[] Output, RedactionReport Report)> RedactInProcessAsync(RedactionOptions options, byte[] input)
    {
        using var output = new MemoryStream();
        var report = await new Redactor(options).RedactAsync(new MemoryStream(input), output);
        return (output.ToArray(), report);
    }
}
