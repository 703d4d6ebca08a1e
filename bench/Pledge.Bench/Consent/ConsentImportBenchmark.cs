using System.Diagnostics;
using System.Globalization;
using System.Text;
using Pledge.Consent;
using Pledge.Consent.Import;
using Pledge.Storage;

namespace Pledge.Bench.Consent;

/// <summary>
/// <c>consent-import --store S --baseline-store B [--rows N] [--subjects K]</c>: importing N consent rows from CSV
/// with <see cref="ConsentImporter"/> (validate every row, then one transaction: normalise identifiers, resolve
/// subjects, events with idempotency, projection, an audit entry per event) against the baseline of a raw batched
/// INSERT of the same rows, read from the same file, into a plain table of the same columns, also in one transaction
/// and batches of the same size. Both stores are fresh; the ratio is what the ledger's guarantees cost.
/// </summary>
internal static class ConsentImportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var rows = BenchArgs.Int(args, "--rows", 1_000_000);
        var subjects = BenchArgs.Int(args, "--subjects", 200_000);
        var policy = BenchPolicy.Load();
        var csv = Path.Combine(Path.GetTempPath(), $"pledge-import-bench-{Guid.NewGuid():N}.csv");
        try
        {
            Generate(csv, rows, subjects, policy);
            Console.WriteLine($"file: {rows:N0} rows, {new FileInfo(csv).Length / 1e6:F0} MB, {subjects:N0} subjects");

            var (baselineStore, _) = await BenchArgs.OpenAsync(BenchArgs.Get(args, "--baseline-store", "sqlite:import-baseline.db"), policy);
            TimeSpan baseline;
            await using (baselineStore)
            {
                baseline = await RawInsertAsync(baselineStore, csv);
            }

            var (store, pseudonyms) = await BenchArgs.OpenAsync(BenchArgs.Get(args, "--store", "sqlite:import-bench.db"), policy);
            await using (store)
            {
                await using var ledger = await ConsentLedger.OpenAsync(store, policy, pseudonyms);
                var stopwatch = Stopwatch.StartNew();
                var report = await new ConsentImporter(ledger).ImportFileAsync(csv);
                stopwatch.Stop();
                if (!report.Committed || report.Imported != rows)
                {
                    throw new InvalidOperationException($"import did not commit every row: {report.Imported} imported, {report.RejectedCount} rejected {report.FileError} {report.Rejected.FirstOrDefault()}");
                }

                Console.WriteLine($"store: {store.Kind}");
                Console.WriteLine($"baseline (raw batched INSERT, one transaction): {baseline.TotalSeconds,7:F1} s = {BenchArgs.Rate(rows, baseline),9} rows/s");
                Console.WriteLine($"pledge consent import:                          {stopwatch.Elapsed.TotalSeconds,7:F1} s = {BenchArgs.Rate(rows, stopwatch.Elapsed),9} rows/s");
                Console.WriteLine($"ratio import/baseline: {stopwatch.Elapsed / baseline:F2}x");
            }
        }
        finally
        {
            File.Delete(csv);
        }

        return 0;
    }

    private static void Generate(string path, int rows, int subjects, Pledge.Policy.Model.Policy policy)
    {
        var activities = policy.Activities.Where(a => a.Consent.Mode != Pledge.Policy.Model.ConsentMode.None).Select(a => a.Id).ToArray();
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine("identifier,event,activity,at,policy_version,channel,actor,idempotency_key");
        for (var i = 0; i < rows; i++)
        {
            var at = start.AddSeconds(i * 7L).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var kind = i % 5 == 4 ? "consent_withdrawn" : "consent_given";
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"email:Person{i % subjects}@Example.com,{kind},{activities[i % activities.Length]},{at},{policy.Notice.Version},web_form,crm-export,row-{i}"));
        }
    }

    private static async Task<TimeSpan> RawInsertAsync(OwnStore store, string csv)
    {
        await store.WriteAsync(async (tx, ct) =>
        {
            using var create = tx.Command("CREATE TABLE raw_consent_rows (identifier TEXT, event TEXT, activity TEXT, at BIGINT, policy_version TEXT, channel TEXT, actor TEXT, idempotency_key TEXT)");
            await create.ExecuteNonQueryAsync(ct);
        });

        var stopwatch = Stopwatch.StartNew();
        await store.WriteAsync(async (tx, ct) =>
        {
            var columns = new[] { "identifier", "event", "activity", "at", "policy_version", "channel", "actor", "idempotency_key" };
            var text = columns.Select(c => c == "at" ? null : Column.Text(c)).ToArray();
            var at = Column.Long("at");
            var batch = new RowBatch("raw_consent_rows", [.. columns.Select((c, i) => c == "at" ? (BatchColumn)at : text[i]!)]);
            using var reader = new StreamReader(csv);
            var records = new CsvReader(reader);
            records.Read(); // header
            while (records.Read() is var (_, fields))
            {
                for (var i = 0; i < fields.Count; i++)
                {
                    if (i == 3)
                    {
                        at.Add(StoreTime.ToMicros(DateTimeOffset.Parse(fields[i], CultureInfo.InvariantCulture)));
                    }
                    else
                    {
                        text[i]!.Add(fields[i]);
                    }
                }

                if (batch.Count == ConsentImporter.ChunkSize)
                {
                    await tx.InsertAsync(batch, null, null, ct);
                    batch.Clear();
                }
            }

            await tx.InsertAsync(batch, null, null, ct);
        });
        return stopwatch.Elapsed;
    }
}
