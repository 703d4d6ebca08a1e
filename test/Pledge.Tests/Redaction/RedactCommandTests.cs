using System.Diagnostics;
using Pledge.Redaction;

namespace Pledge.Tests.Redaction;

/// <summary>
/// <c>pledge redact</c> run as a process, as users run it: streams, files, exit codes, one-line errors. The same
/// contract holds for both hosts of the command: the CLI (<see cref="RedactCommandTests"/>) and the native
/// <c>pledge-redact</c> (<see cref="NativeRedactCommandTests"/>).
/// </summary>
public abstract class RedactCommandContract : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pledge-redact-").FullName;

    protected string Dir => _dir;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The process that runs <c>pledge redact ARGS</c>; <paramref name="args"/> start with "redact".</summary>
    protected abstract ProcessStartInfo StartInfo(IReadOnlyList<string> args);

    [Fact]
    public async Task Redact_StdinToStdout_RedactsAndExitsZero()
    {
        var (code, stdout, stderr) = await RunAsync("login anna@example.com from 10.0.0.1\n", "redact");

        Assert.Equal(0, code);
        Assert.Equal("login <EMAIL> from <IPV4>\n", stdout);
        Assert.Empty(stderr);
    }

    [Fact]
    public async Task Redact_Report_CountsOnStderrNeverValues()
    {
        var (code, _, stderr) = await RunAsync("anna@example.com b@example.org 10.0.0.1\n", "redact", "--report");

        Assert.Equal(0, code);
        Assert.Contains("\"EMAIL\":2", stderr, StringComparison.Ordinal);
        Assert.Contains("\"IPV4\":1", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("example", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_OutDirectory_WritesEachFileLeavesInputs()
    {
        var input = Write("a.log", "user=jsmith host=WS-BERG-01\n");
        var known = Write("known.txt", "Anna Berg\n");
        var other = Write("b.log", "Hi Anna Berg\n");

        var (code, stdout, _) = await RunAsync("", "redact", "--out", Path.Combine(_dir, "out"), "--known-values", known, input, other);

        Assert.Equal(0, code);
        Assert.Empty(stdout);
        Assert.Equal("user=<USERNAME> host=<HOSTNAME>\n", File.ReadAllText(Path.Combine(_dir, "out", "a.log")));
        Assert.Equal("Hi <NAME>\n", File.ReadAllText(Path.Combine(_dir, "out", "b.log")));
        Assert.Equal("user=jsmith host=WS-BERG-01\n", File.ReadAllText(input));
        Assert.Equal(["a.log", "b.log"], Directory.GetFiles(Path.Combine(_dir, "out")).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("missing.log")]
    [InlineData("--detect", "email,planets")]
    [InlineData("--operator", "shred")]
    [InlineData("--operator", "pseudonym")]
    [InlineData("--keys", "user")]
    [InlineData("--jobs", "0", "--out", "out")]
    [InlineData("--jobs", "2")]
    public async Task Redact_InvalidArgument_ExitUsageOneLineError(params string[] args)
    {
        var input = Write("in.log", "anna@example.com\n");

        var (code, stdout, stderr) = await RunAsync("", ["redact", .. args, input]);

        Assert.Equal(64, code);
        Assert.Empty(stdout);
        Assert.StartsWith("pledge redact: error: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Redact_OutWithJobs_WritesEveryFileWholeAndCountsThemAll()
    {
        var redactor = new Redactor(new RedactionOptions());
        var inputs = new List<string>();
        var expected = new Dictionary<string, string>();
        for (var k = 0; k < 12; k++)
        {
            var text = string.Concat(Enumerable.Range(0, 200 * (k + 1)).Select(n => $"{n} login user{k}.{n}@example.com from 10.{k}.{n % 250}.7 took {n} ms\n"));
            inputs.Add(Write($"f{k}.log", text));
            expected[$"f{k}.log"] = redactor.Redact(text);
        }

        var (code, _, stderr) = await RunAsync("", ["redact", "--jobs", "4", "--report", "--out", Path.Combine(Dir, "out"), .. inputs]);

        Assert.Equal(0, code);
        foreach (var (name, text) in expected)
        {
            Assert.Equal(text, File.ReadAllText(Path.Combine(Dir, "out", name)));
        }

        Assert.Equal(expected.Count, Directory.GetFiles(Path.Combine(Dir, "out")).Length);
        Assert.Contains($"\"total\":{2 * 200 * 78},", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_OutInputFailsPartWay_ExitsIoErrorLeavesNoPartialFile()
    {
        var inputs = Enumerable.Range(0, 6).Select(k => Write($"f{k}.log", string.Concat(Enumerable.Repeat($"anna{k}@example.com 10.0.0.{k}\n", 20_000)))).ToList();
        inputs.Insert(3, "/proc/self/mem"); // exists, and reading it at its start fails (EIO)
        var output = Path.Combine(Dir, "out");

        var (code, stdout, stderr) = await RunAsync("", ["redact", "--jobs", "3", "--out", output, .. inputs]);

        Assert.Equal(74, code);
        Assert.Empty(stdout);
        Assert.StartsWith("pledge redact: error: /proc/self/mem: ", stderr, StringComparison.Ordinal);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        var written = Directory.GetFiles(output).Select(Path.GetFileName).ToList();
        Assert.DoesNotContain("mem", written);
        Assert.All(written, name =>
        {
            Assert.Matches("^f[0-5]\\.log$", name);
            Assert.Equal(string.Concat(Enumerable.Repeat("<EMAIL> <IPV4>\n", 20_000)), File.ReadAllText(Path.Combine(output, name!)));
        });
    }

    [Fact]
    public async Task Redact_ReaderOfStdoutGoesAway_StopsAtOnceWithSigpipeStatus()
    {
        // 64 MB, far more than a pipe holds: a redactor that went on after its reader left would read all of it.
        var input = Path.Combine(Dir, "big.log");
        await using (var file = File.Create(input))
        {
            var line = "login anna@example.com from 10.0.0.1 took 12 ms\n"u8.ToArray();
            for (var n = 0; n < (64 << 20) / line.Length; n++)
            {
                file.Write(line);
            }
        }

        var start = StartInfo(["redact", "--report", input]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var first = new byte[4096];
        await process.StandardOutput.BaseStream.ReadExactlyAsync(first);
        process.StandardOutput.Close(); // as `| head -c 4096` does

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.Equal(141, process.ExitCode);
        Assert.Empty(await stderr); // no error message, and no report of a run that did not finish
        Assert.StartsWith("login <EMAIL> from <IPV4> took 12 ms\n", System.Text.Encoding.UTF8.GetString(first), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_StdoutFull_ExitsIoErrorNamingStdout()
    {
        var input = Write("in.log", "anna@example.com\n");
        var inner = StartInfo(["redact", input]);
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true };
        foreach (var arg in new[] { "-c", "exec \"$@\" > /dev/full", "bash", inner.FileName }.Concat(inner.ArgumentList))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(74, process.ExitCode);
        Assert.StartsWith("pledge redact: error: stdout: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("in.log", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_Help_ListsTheOptionsNotTheHiddenOnes()
    {
        var (code, stdout, _) = await RunAsync("", "redact", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--known-values", stdout, StringComparison.Ordinal);
        Assert.Contains("--jsonl", stdout, StringComparison.Ordinal);
        Assert.Contains("--jobs", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("--generate-sample", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_OutIsInputDirectory_RefusesAndChangesNothing()
    {
        var input = Write("in.log", "anna@example.com\n");

        var (code, _, stderr) = await RunAsync("", "redact", "--out", _dir, input);

        Assert.Equal(64, code);
        Assert.Contains("would overwrite the input", stderr, StringComparison.Ordinal);
        Assert.Equal("anna@example.com\n", File.ReadAllText(input));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task Redact_BadKnownValuesLine_NamesFileAndLine()
    {
        var known = Write("known.txt", "Anna Berg\nx\n");

        var (code, _, stderr) = await RunAsync("", "redact", "--known-values", known);

        Assert.Equal(64, code);
        Assert.Contains("known.txt: line 2:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redact_JsonLinesWithKeys_RedactsChosenValues()
    {
        var (code, stdout, _) = await RunAsync("{\"user\":\"anna\",\"msg\":\"from 10.0.0.1\",\"x\":\"10.0.0.2\"}\n", "redact", "--jsonl", "--keys", "msg,user=username");

        Assert.Equal(0, code);
        Assert.Equal("{\"user\":\"<USERNAME>\",\"msg\":\"from <IPV4>\",\"x\":\"10.0.0.2\"}\n", stdout);
    }

    [Fact]
    public async Task Redact_PseudonymWithKeyFromEnvironment_TokenNamesKey()
    {
        var (code, stdout, _) = await RunAsync("anna@example.com\n", ["redact", "--operator", "email=pseudonym"], ("PLEDGE_REDACTION_KEY", "000102030405060708090a0b0c0d0e0f"), ("PLEDGE_REDACTION_KEY_ID", "k7"));

        Assert.Equal(0, code);
        Assert.Matches("^<EMAIL:k7:[0-9a-f]{16}>\n$", stdout);
    }

    protected string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    protected Task<(int Code, string Stdout, string Stderr)> RunAsync(string stdin, params string[] args) => RunAsync(stdin, args, []);

    protected async Task<(int Code, string Stdout, string Stderr)> RunAsync(string stdin, string[] args, params (string Name, string Value)[] environment)
    {
        var start = StartInfo(args);
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment.Remove("PLEDGE_REDACTION_KEY");
        start.Environment.Remove("PLEDGE_REDACTION_KEY_ID");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>The contract run against the CLI: <c>dotnet Pledge.Cli.dll redact …</c>.</summary>
public sealed class RedactCommandTests : RedactCommandContract
{
    protected override ProcessStartInfo StartInfo(IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Pledge.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }
}
