using System.Diagnostics;
using System.Globalization;
using static Pledge.Bench.LatencyRun;
using Npgsql;
using Pledge.Connectors;
using Pledge.Connectors.Graph;
using Pledge.Connectors.Locating;
using Pledge.Demo;
using Pledge.Policy.Loading;
using Pledge.Policy.Model;

namespace Pledge.Bench.Connectors;

/// <summary>
/// <c>locate --postgres CONN [--rows N] [--subjects K] [--explain FILE]</c>: seeds the demo into PostgreSQL (unless
/// its schemas are there), then times <see cref="SubjectLocator"/> against <see cref="HandWrittenLocate"/> for K
/// random customers found by e-mail, alternating which goes first, and checks both return the same rows.
/// With --explain, writes EXPLAIN (ANALYZE, BUFFERS) of every statement of three searches.
/// </summary>
internal static class LocateBenchmark
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var connection = Option(args, "--postgres") ?? throw new ArgumentException("--postgres CONN is required");
        var rows = long.Parse(Option(args, "--rows") ?? "10000000", Invariant);
        var subjects = int.Parse(Option(args, "--subjects") ?? "300", Invariant);
        var explain = Option(args, "--explain");

        var seed = await new DemoSeeder(TimeProvider.System).SeedPostgresAsync(connection, new DemoOptions(rows, Seed: 1));
        Console.WriteLine(seed.Succeeded
            ? string.Create(Invariant, $"seeded {seed.Rows:N0} rows in {seed.Elapsed.TotalSeconds:N0} s ({seed.Rows / seed.Elapsed.TotalSeconds:N0} rows/s, COPY + keys + indexes + foreign keys + ANALYZE)")
            : $"reusing the seeded database ({seed.Error})");

        var loaded = PolicyLoader.Load(ExamplePolicy()).Policy!;
        var policy = loaded with { Systems = [.. loaded.Systems.Select(s => s with { Connector = ConnectorKind.Postgres })] };
        var plan = SubjectGraphPlan.Build(policy);
        string Env(string variable) => new NpgsqlConnectionStringBuilder(connection) { SearchPath = variable.Split('_')[1].ToLowerInvariant() }.ConnectionString;
        var connectors = policy.Systems.Select(s => ConnectorFactory.Open(s, Env).Connector!).ToList();
        var sources = policy.Systems.ToDictionary(s => s.Id, s => NpgsqlDataSource.Create(Env(s.ConnectionEnv)));
        var locator = new SubjectLocator(plan, connectors);
        var baseline = new HandWrittenLocate(plan, sources);

        var (total, emails) = await SampleAsync(sources["app"], subjects + 50);
        Console.WriteLine(string.Create(Invariant, $"database: {total:N0} rows in 19 tables; {emails.Count - 50} customers sampled at random, 50 more to warm up"));
        foreach (var email in emails.Take(50))
        {
            await locator.FindAsync([SubjectIdentifier.Email(email)]);
            await baseline.FindAsync(email);
        }

        var ours = new List<double>();
        var theirs = new List<double>();
        long found = 0;
        foreach (var (email, i) in emails.Skip(50).Select((e, i) => (e, i)))
        {
            var a = Stopwatch.StartNew();
            SubjectRows mine;
            Dictionary<string, int> hand;
            if (i % 2 == 0)
            {
                mine = await locator.FindAsync([SubjectIdentifier.Email(email)]);
                ours.Add(a.Elapsed.TotalMilliseconds);
                a.Restart();
                hand = await baseline.FindAsync(email);
                theirs.Add(a.Elapsed.TotalMilliseconds);
            }
            else
            {
                hand = await baseline.FindAsync(email);
                theirs.Add(a.Elapsed.TotalMilliseconds);
                a.Restart();
                mine = await locator.FindAsync([SubjectIdentifier.Email(email)]);
                ours.Add(a.Elapsed.TotalMilliseconds);
            }

            var counts = mine.Tables.ToDictionary(t => $"{t.SystemId}.{t.Table.Name}", t => t.Rows.Length);
            if (!counts.OrderBy(c => c.Key).SequenceEqual(hand.OrderBy(c => c.Key)))
            {
                throw new InvalidOperationException($"locator and hand-written SQL disagree for {email}: {string.Join(",", counts)} vs {string.Join(",", hand)}");
            }

            found += mine.RowCount;
        }

        Console.WriteLine(string.Create(Invariant, $"rows per subject: mean {(double)found / ours.Count:N1}; both methods returned the same rows for every subject"));
        Report("locator (plan, one batch per step)", ours);
        Report("hand-written SQL (one batch per system)", theirs);
        Console.WriteLine(string.Create(Invariant, $"ratio locator/hand-written: median {Median(ours) / Median(theirs):N2}x, mean {ours.Average() / theirs.Average():N2}x (target <= 1.5x)"));

        if (explain is not null)
        {
            await ExplainAsync(plan, connectors, emails.Skip(50).Take(3).ToList(), explain);
        }

        foreach (var c in connectors)
        {
            await c.DisposeAsync();
        }

        foreach (var s in sources.Values)
        {
            await s.DisposeAsync();
        }

        return 0;
    }

    private static async Task ExplainAsync(SubjectGraphPlan plan, List<Connector> connectors, List<string> emails, string file)
    {
        var queries = new List<(string System, SqlQuery Query)>();
        var locator = new SubjectLocator(plan, connectors) { QueryObserver = (s, q) => { lock (queries) { queries.Add((s, q)); } } };
        foreach (var email in emails)
        {
            await locator.FindAsync([SubjectIdentifier.Email(email)]);
        }

        await using var output = new StreamWriter(file);
        int scans = 0, statements = 0;
        foreach (var (system, query) in queries)
        {
            var plan1 = await QueryExplain.ExplainAsync(connectors.Single(c => c.System.Id == system), query);
            statements++;
            scans += plan1.Contains("Seq Scan", StringComparison.Ordinal) ? 1 : 0;
            await output.WriteLineAsync($"-- {system}: {query.Text}\n{plan1}");
        }

        Console.WriteLine($"EXPLAIN (ANALYZE, BUFFERS) of {statements} statements of {emails.Count} searches written to {file}: {scans} with a Seq Scan");
    }

    private static async Task<(long Total, List<string> Emails)> SampleAsync(NpgsqlDataSource app, int count)
    {
        await using var connection = await app.OpenConnectionAsync();
        await using var total = new NpgsqlCommand(
            "SELECT sum(n_live_tup)::bigint FROM pg_stat_user_tables WHERE schemaname IN ('app', 'marketing', 'hr')", connection);
        var rows = (long)(await total.ExecuteScalarAsync())!;
        await using var max = new NpgsqlCommand("SELECT max(id) FROM accounts", connection);
        var top = (long)(await max.ExecuteScalarAsync())!;
        var random = new Random(42);
        var ids = Enumerable.Range(0, count).Select(_ => random.NextInt64(1, top + 1)).Distinct().ToArray();
        await using var pick = new NpgsqlCommand("SELECT email FROM accounts WHERE id = ANY($1) ORDER BY random()", connection) { Parameters = { new() { Value = ids } } };
        var emails = new List<string>();
        await using var reader = await pick.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            emails.Add(reader.GetString(0));
        }

        return (rows, emails);
    }
}
