using System.CommandLine;
using System.Text;
using Pledge.Policy.Loading;
using Pledge.Records;

namespace Pledge.Cli.Commands;

/// <summary><c>pledge records [POLICY] [--format csv|json] [--out FILE]</c>: the Art. 30 record of processing activities.</summary>
internal static class RecordsCommand
{
    public static Command Create()
    {
        var policy = PolicyArgument.Create();
        var format = new Option<string>("--format", "-f")
        {
            Description = "csv (one row per activity, for spreadsheets) or json (controller block and activities, for tools).",
            DefaultValueFactory = _ => "csv",
        };
        format.AcceptOnlyFromAmong("csv", "json");
        var output = new Option<string?>("--out", "-o") { Description = "Write to FILE (atomically) instead of standard output." };
        var language = new Option<string?>("--language", "-l") { Description = "Language of the text, one of the policy's notice languages (default: its first)." };
        var command = new Command("records",
            "Print the record of processing activities (GDPR Art. 30(1)) from the policy: controller, purposes, subjects and data, "
            + "recipients, transfers, time limits for erasure and security measures, one entry per activity.\n"
            + $"Exit codes: {ExitCodes.Ok} written; {ExitCodes.PolicyErrors} the policy has errors; {ExitCodes.Usage} the output file cannot be written or the language is not the policy's.")
        {
            policy, format, output, language,
        };
        command.SetAction(parse => Run(parse, PolicyArgument.Resolve(parse.GetValue(policy)), parse.GetValue(format) ?? "csv", parse.GetValue(output), parse.GetValue(language)));
        return command;
    }

    private static int Run(ParseResult parse, string policyPath, string format, string? outPath, string? language)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        if (outPath is not null && !OutputFile.TryValidate(outPath, out var invalid))
        {
            stderr.WriteLine($"pledge records: {invalid}");
            return ExitCodes.Usage;
        }

        var result = PolicyLoader.Load(policyPath);
        if (result.Policy is null)
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                stdout.WriteLine(diagnostic.ToString());
            }

            stderr.WriteLine($"pledge records: {policyPath} has {result.ErrorCount} error(s); run 'pledge check' after fixing them.");
            return ExitCodes.PolicyErrors;
        }

        var languages = result.Policy.Notice.Languages;
        if (language is not null && !languages.Contains(language, StringComparer.OrdinalIgnoreCase))
        {
            stderr.WriteLine($"pledge records: the policy is published in {string.Join(", ", languages)}, not '{language}'");
            return ExitCodes.Usage;
        }

        var record = RecordOfProcessing.From(result.Policy, language is null ? null : languages.First(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase)));
        if (outPath is null)
        {
            if (format == "json")
            {
                stdout.Write(RecordJsonWriter.ToJson(record));
                stdout.Write('\n');
            }
            else
            {
                RecordCsvWriter.Write(record, stdout);
            }

            return ExitCodes.Ok;
        }

        // A CSV file starts with a byte-order mark so spreadsheet programs read it as UTF-8; JSON files never do.
        var written = OutputFile.TryWrite(outPath, stream =>
        {
            if (format == "json")
            {
                RecordJsonWriter.Write(record, stream);
                stream.WriteByte((byte)'\n');
            }
            else
            {
                using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
                RecordCsvWriter.Write(record, writer);
            }
        }, out var error);
        if (!written)
        {
            stderr.WriteLine($"pledge records: {error}");
            return ExitCodes.Usage;
        }

        stderr.WriteLine($"Wrote the record of {record.Activities.Length} activities to {outPath}.");
        return ExitCodes.Ok;
    }
}
