using System.CommandLine;
using System.Text.Json;
using Pledge.Redaction;

namespace Pledge.Cli.Commands;

/// <summary>
/// <c>pledge redact [FILES] [--out DIR] [--detect …] [--operator …] [--known-values FILE] [--jsonl [--keys …]] [--report]</c>:
/// redact personal data from text or JSON lines, stdin to stdout by default.
/// Exit codes (sysexits, as the rest of the CLI): 0 done; 64 the command line is wrong — an unknown option, a
/// missing file, a bad value, a missing key — and nothing was read or written; 74 reading or writing failed part
/// way (no partial output file is left behind); 141 the reader of stdout went away, as for a filter killed by SIGPIPE.
/// </summary>
internal static class RedactCommand
{
    /// <summary>EX_USAGE: bad usage or an argument that cannot be used.</summary>
    public const int Invalid = 64;

    /// <summary>EX_IOERR: an input or output failed while redacting.</summary>
    public const int Failed = 74;

    /// <summary>The reader of stdout went away (<c>pledge redact big.log | head</c>): 128 + SIGPIPE, as a filter killed by it reports, and nothing printed.</summary>
    public const int ReaderGone = 141;

    private const string Description =
        "Redact personal data (e-mail, IP, MAC, phone, card, IBAN, account and host names, known values) from logs and text.";

    /// <summary>The <c>redact</c> subcommand of <c>pledge</c>.</summary>
    public static Command Create() => Configure(new Command("redact", Description));

    /// <summary>The same command as the root of <c>pledge-redact</c>, the native executable: same options, same behaviour.</summary>
    public static RootCommand CreateRoot() => Configure(new RootCommand(Description));

    private static T Configure<T>(T command)
        where T : Command
    {
        var files = new Argument<string[]>("files") { Description = "Files to redact ('-' is stdin). None: stdin to stdout.", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string?>("--out") { Description = "Write each FILE to DIR/<its name> instead of stdout. Never the input itself." };
        var detect = new Option<string?>("--detect") { Description = "Detectors to run, comma separated: email,ipv4,ipv6,mac,phone,card,iban,username,hostname (default: all)." };
        var operators = new Option<string[]>("--operator") { Description = "tag|mask|remove|pseudonym|partial for all types, or TYPE=OPERATOR for one (repeatable, comma separated). Default: tag." };
        var known = new Option<string?>("--known-values") { Description = "File of names, user names or computer names to find as whole words (one a line; 'type<TAB>value' to type them)." };
        var jsonl = new Option<bool>("--jsonl") { Description = "Input is JSON lines: redact string values, keep the JSON intact." };
        var keys = new Option<string?>("--keys") { Description = "With --jsonl: only these keys' values (comma separated); KEY=TYPE replaces the whole value as TYPE." };
        var jobs = new Option<int?>("--jobs") { Description = "With --out: redact up to N files at once (default: one per core).", HelpName = "N" };
        var report = new Option<bool>("--report") { Description = "Print counts per type (never values) to stderr as JSON." };
        var sample = new Option<string?>("--generate-sample") { Description = "Write SIZE (e.g. 200MB) of labelled-corpus-style sample logs to stdout.", Hidden = true };
        var sampleKnown = new Option<string?>("--sample-known-values") { Description = "Write the sample's known values to FILE.", Hidden = true };

        foreach (var option in new Option[] { output, detect, operators, known, jsonl, keys, jobs, report, sample, sampleKnown })
        {
            command.Options.Add(option);
        }

        command.Arguments.Add(files);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(sample) is { } size)
            {
                return await RedactSample.GenerateAsync(size, parse.GetValue(sampleKnown), cancellationToken);
            }

            var request = RedactRequest.Parse(
                parse.GetValue(files) ?? [],
                parse.GetValue(output),
                parse.GetValue(detect),
                parse.GetValue(operators) ?? [],
                parse.GetValue(known),
                parse.GetValue(jsonl),
                parse.GetValue(keys),
                parse.GetValue(jobs));
            if (request.Error is { } error)
            {
                return Fail(Invalid, error);
            }

            return await RunAsync(request, parse.GetValue(report), cancellationToken);
        });
        return command;
    }

    internal static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"pledge redact: error: {message}");
        return code;
    }

    private static async Task<int> RunAsync(RedactRequest request, bool report, CancellationToken cancellationToken)
    {
        var redactor = new Redactor(request.Options!);
        var outcome = request.OutputDirectory is null
            ? await ToStdoutAsync(redactor, request, cancellationToken)
            : await ToDirectoryAsync(redactor, request, cancellationToken);
        if (outcome.ReaderGone)
        {
            return ReaderGone;
        }

        if (outcome.Error is { } error)
        {
            return Fail(Failed, error);
        }

        if (report)
        {
            WriteReport(outcome.Total);
        }

        return 0;
    }

    /// <summary>Every input, in order, to stdout.</summary>
    private static async Task<Outcome> ToStdoutAsync(Redactor redactor, RedactRequest request, CancellationToken cancellationToken)
    {
        var total = RedactionReport.Empty;
        using var stdout = StandardOutput.Open();
        foreach (var file in request.Files.Count == 0 ? ["-"] : request.Files)
        {
            try
            {
                await using var input = file == "-" ? Console.OpenStandardInput() : File.OpenRead(file);
                total = RedactionReport.Combine(total, await RedactOneAsync(redactor, request, input, stdout, cancellationToken));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return stdout.ReaderGone
                    ? new Outcome(total, null, ReaderGone: true)
                    : new Outcome(total, $"{(stdout.Failed ? "stdout" : file == "-" ? "stdin" : file)}: {e.Message}");
            }
        }

        return new Outcome(total, null);
    }

    /// <summary>
    /// Each input to DIR/&lt;its name&gt;, up to <see cref="RedactRequest.Jobs"/> at once. The first failure stops the
    /// rest: a file is either written whole or not at all, as each goes through a temporary file moved into place.
    /// </summary>
    private static async Task<Outcome> ToDirectoryAsync(Redactor redactor, RedactRequest request, CancellationToken cancellationToken)
    {
        var reports = new RedactionReport?[request.Files.Count];
        string? error = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = request.Jobs, CancellationToken = stop.Token };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, request.Files.Count), parallel, async (k, token) =>
            {
                try
                {
                    reports[k] = await ToFileAsync(redactor, request, request.Files[k], token);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    Interlocked.CompareExchange(ref error, $"{request.Files[k]}: {e.Message}", null);
                    await stop.CancelAsync();
                }
            });
        }
        catch (OperationCanceledException) when (error is not null && !cancellationToken.IsCancellationRequested)
        {
            // Stopped by a failure, reported below.
        }

        var total = RedactionReport.Empty;
        foreach (var one in reports)
        {
            total = one is null ? total : RedactionReport.Combine(total, one);
        }

        return new Outcome(total, error);
    }

    private static async Task<RedactionReport> ToFileAsync(Redactor redactor, RedactRequest request, string file, CancellationToken cancellationToken)
    {
        var target = request.TargetFor(file);
        var temporary = Path.Combine(request.OutputDirectory!, $".{Path.GetFileName(target)}.{Environment.ProcessId}.tmp");
        try
        {
            RedactionReport report;
            await using (var input = File.OpenRead(file))
            await using (var destination = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: false))
            {
                report = await RedactOneAsync(redactor, request, input, destination, cancellationToken);
            }

            File.Move(temporary, target, overwrite: true);
            temporary = null;
            return report;
        }
        finally
        {
            if (temporary is not null)
            {
                File.Delete(temporary);
            }
        }
    }

    private static Task<RedactionReport> RedactOneAsync(Redactor redactor, RedactRequest request, Stream input, Stream output, CancellationToken cancellationToken) =>
        request.JsonLines is { } jsonLines
            ? redactor.RedactJsonLinesAsync(input, output, jsonLines, cancellationToken)
            : redactor.RedactAsync(input, output, cancellationToken);

    private static void WriteReport(RedactionReport report)
    {
        using var stderr = Console.OpenStandardError();
        using (var json = new Utf8JsonWriter(stderr))
        {
            json.WriteStartObject();
            json.WriteNumber("bytesRead", report.BytesRead);
            json.WriteNumber("bytesWritten", report.BytesWritten);
            json.WriteNumber("total", report.Total);
            json.WriteStartObject("counts");
            foreach (var (type, count) in report.Counts)
            {
                json.WriteNumber(PiiTypes.Tag(type), count);
            }

            json.WriteEndObject();
            if (report.JsonLines > 0)
            {
                json.WriteNumber("jsonLines", report.JsonLines);
                json.WriteNumber("invalidJsonLines", report.InvalidJsonLines);
            }

            json.WriteEndObject();
        }

        stderr.WriteByte((byte)'\n');
    }

    /// <summary>What a run came to: the counts, the first failure, or a reader of stdout that went away.</summary>
    private readonly record struct Outcome(RedactionReport Total, string? Error, bool ReaderGone = false);
}
