using System.CommandLine;
using Pledge.Consent;
using Pledge.Consent.Export;
using Pledge.Consent.Import;

namespace Pledge.Cli.Commands.Consent;

/// <summary><c>import FILE.csv</c> and <c>export</c>.</summary>
internal static class ImportExportCommands
{
    public static Command Import(StoreOptions store)
    {
        var file = new Argument<string>("file") { Description = "CSV with a header row; see docs/consent.md for the columns." };
        var skip = new Option<bool>("--skip-invalid") { Description = "Import the valid rows and report the rest (default: any rejected row means nothing is imported)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate every row; write nothing." };
        var region = new Option<string?>("--region") { Description = "Region for phone numbers without a country code, e.g. GB." };
        var command = new Command("import", "Import existing consent records from CSV in one transaction: all or nothing, every rejected row reported with its line.") { file, skip, dryRun, region };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                return Output.Fail(ExitCodes.Usage, $"{path}: no such file");
            }

            var (session, code) = await ConsentSession.OpenAsync(parse, store, writes: true, ct);
            if (session is null)
            {
                return code;
            }

            await using (session)
            {
                var report = await new ConsentImporter(session.Ledger).ImportFileAsync(path, new ImportOptions
                {
                    SkipInvalid = parse.GetValue(skip), DryRun = parse.GetValue(dryRun), DefaultRegion = parse.GetValue(region), Actor = CliActor.Current,
                }, ct);
                if (report.FileError is not null)
                {
                    return Output.Fail(ExitCodes.Rejected, $"{path}: {report.FileError}; nothing imported");
                }

                foreach (var row in report.Rejected)
                {
                    Console.Out.WriteLine($"{path}:{row.Line}: rejected: {row.Reason}");
                }

                if (report.RejectedCount > report.Rejected.Count)
                {
                    Console.Out.WriteLine($"{path}: ... and {report.RejectedCount - report.Rejected.Count} more rejected rows");
                }

                var summary = $"{report.Rows} rows: {report.Imported} imported, {report.Duplicates} already recorded, {report.RejectedCount} rejected";
                if (!report.Committed)
                {
                    Output.Note(summary + (parse.GetValue(dryRun) && report.RejectedCount == 0 ? "; dry run, nothing written" : "; nothing imported"));
                    return report.RejectedCount > 0 ? ExitCodes.Rejected : ExitCodes.Ok;
                }

                Output.Note(summary);
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    public static Command Export(StoreOptions store)
    {
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output." };
        var subject = new Option<string?>("--subject") { Description = "Only this subject's events (kind:value)." };
        var command = new Command("export", "Write one consent receipt per event as JSON Lines (Kantara Consent Receipt v1.1 fields; subjects as pseudonyms).") { output, subject };
        command.SetAction(async (parse, ct) =>
        {
            var (session, code) = await ConsentSession.OpenAsync(parse, store, writes: false, ct);
            if (session is null)
            {
                return code;
            }

            await using (session)
            {
                long? only = null;
                if (parse.GetValue(subject) is { } text)
                {
                    if (ConsentSession.Subject(text, null) is not { } id)
                    {
                        return ExitCodes.Usage;
                    }

                    var found = await session.Store.ReadAsync((s, c) => SubjectDirectory.FindAsync(s, id, session.Pseudonyms, c), ct);
                    only = found?.SubjectId ?? -1;
                }

                var path = parse.GetValue(output);
                var temp = path is null ? null : path + ".tmp";
                var writer = new ConsentReceiptWriter(session.Policy, session.Pseudonyms);
                long count = 0;
                await using (var stream = temp is null ? Console.OpenStandardOutput() : File.Create(temp))
                await using (var buffered = new BufferedStream(stream, 1 << 16))
                {
                    var events = only is { } id
                        ? (await LedgerHistory.OfSubjectAsync(session.Store, id, ct)).ToAsyncEnumerable()
                        : LedgerHistory.AllAsync(session.Store, cancellationToken: ct);
                    await foreach (var e in events)
                    {
                        writer.Write(buffered, e, session.Pseudonyms.KeyId);
                        count++;
                    }
                }

                if (temp is not null)
                {
                    File.Move(temp, path!, overwrite: true);
                }

                Output.Note($"{count} receipts written{(path is null ? "" : " to " + path)}");
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
