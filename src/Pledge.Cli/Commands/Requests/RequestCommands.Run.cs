using System.CommandLine;
using Pledge.Cli.Commands.Consent;
using Pledge.Requests;

namespace Pledge.Cli.Commands.Requests;

internal sealed partial class RequestCommands
{
    public Command Run()
    {
        var id = IdArgument();
        var dryRun = new Option<bool>("--dry-run") { Description = "Erasure: show table by table what would change, change nothing." };
        var output = new Option<string?>("--out") { Description = "Access or portability: the zip to write." };
        var language = new Option<string?>("--language") { Description = "Language of the export's summary (default: the policy's)." };
        var command = new Command("run", "Carry out a verified request against the data map's systems and the ledger.") { id, dryRun, output, language, JsonOption };
        command.SetAction((parse, ct) => RunAsync(parse, parse.GetValue(id), parse.GetValue(output), parse.GetValue(dryRun), parse.GetValue(language), ct));
        return command;
    }

    public Command Export()
    {
        var id = IdArgument();
        var output = new Option<string>("--out") { Description = "The zip to write (replaced atomically).", Required = true };
        var language = new Option<string?>("--language") { Description = "Language of the summary (default: the policy's)." };
        var command = new Command("export", "Answer an access or portability request: one zip with JSON, CSV per table and a readable summary.") { id, output, language, JsonOption };
        command.SetAction((parse, ct) => RunAsync(parse, parse.GetValue(id), parse.GetValue(output), false, parse.GetValue(language), ct));
        return command;
    }

    private async Task<int> RunAsync(ParseResult parse, long id, string? output, bool dryRun, string? language, CancellationToken ct)
    {
        // Checked before anything is done: the request is completed before the file is written.
        if (output is not null && !OutputFile.TryValidateWritable(output, out var invalid))
        {
            return Output.Fail(ExitCodes.Usage, invalid);
        }

        var (session, code) = await RequestSession.OpenAsync(parse, store, parse.GetValue(outbox), ct);
        if (session is null)
        {
            return code;
        }

        await using (session)
        {
            var json = parse.GetValue(JsonOption);
            using var buffer = output is null ? null : new MemoryStream();
            // Restriction and objection are ledger events; every other kind reads or changes every system of the data map.
            var kind = (await session.Desk.GetAsync(id, ct))?.Kind;
            if (session.Runner(needsSystems: kind is not (null or RequestKind.Restriction or RequestKind.Objection)) is not { } runner)
            {
                return ExitCodes.Configuration;
            }

            var outcome = await runner.RunAsync(id, CliActor.Current, buffer, dryRun, language, ct);
            if (outcome.Erasure is { } report)
            {
                // With --json, one document: the erasure and the request after it (null when the run failed).
                if (json)
                {
                    Output.WriteJson(new { request = outcome.Result.Request is { } r && !dryRun ? RequestPrinter.Json(r) : null, erasure = RequestPrinter.ErasureJson(report) });
                }
                else
                {
                    RequestPrinter.Erasure(report);
                }
            }

            if (outcome.Result.Request is null)
            {
                return RequestPrinter.Fail(outcome.Result.Error!);
            }

            if (buffer is not null && buffer.Length > 0 && !OutputFile.TryWrite(output!, s => buffer.WriteTo(s), out var error))
            {
                return Output.Fail(ExitCodes.Configuration, error);
            }

            if (outcome.Disclosure is { } disclosure && outcome.Result.Request.Kind == RequestKind.Information)
            {
                foreach (var item in disclosure.Activities)
                {
                    Console.Out.WriteLine($"{item.Activity.Id}: {item.Activity.Name.Default} — {string.Join(", ", item.Categories)} in {string.Join(", ", item.Systems)}");
                }
            }

            if (!dryRun && !(json && outcome.Erasure is not null))
            {
                RequestPrinter.Show(outcome.Result.Request, json);
            }

            return ExitCodes.Ok;
        }
    }
}
