using System.Diagnostics;
using System.Globalization;
using static Pledge.Bench.LatencyRun;
using Npgsql;
using Pledge.Audit;
using Pledge.Connectors;
using Pledge.Connectors.Graph;
using Pledge.Connectors.Locating;
using Pledge.Demo;
using Pledge.Erasure;
using Pledge.Policy.Loading;
using Pledge.Policy.Model;

namespace Pledge.Bench.Erasure;

/// <summary>
/// <c>erase --postgres CONN [--rows N] [--subjects K]</c>: seeds the demo into PostgreSQL (unless its schemas are there),
/// then for K random customers with invoices times the engine (locate keys, plan, one transaction per system) against
/// <see cref="HandWrittenErase"/>, alternating which goes first. Both roll back, so each method changes the same rows,
/// and the rows changed per table must agree.
/// </summary>
internal static class EraseBenchmark
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        var connection = Option(args, "--postgres") ?? throw new ArgumentException("--postgres CONN is required");
        var rows = long.Parse(Option(args, "--rows") ?? "10000000", Invariant);
        var subjects = int.Parse(Option(args, "--subjects") ?? "200", Invariant);

        var seed = await new DemoSeeder(TimeProvider.System).SeedPostgresAsync(connection, new DemoOptions(rows, Seed: 1));
        Console.WriteLine(seed.Succeeded
            ? string.Create(Invariant, $"seeded {seed.Rows:N0} rows in {seed.Elapsed.TotalSeconds:N0} s")
            : $"reusing the seeded database ({seed.Error})");

        var loaded = PolicyLoader.Load(ExamplePolicy()).Policy!;
        var policy = loaded with { Systems = [.. loaded.Systems.Select(s => s with { Connector = ConnectorKind.Postgres })] };
        var graph = SubjectGraphPlan.Build(policy);
        string Env(string variable) => new NpgsqlConnectionStringBuilder(connection) { SearchPath = variable.Split('_')[1].ToLowerInvariant() }.ConnectionString;
        var connectors = policy.Systems.Select(s => ConnectorFactory.Open(s, Env).Connector!).ToList();
        var sources = policy.Systems.ToDictionary(s => s.Id, s => NpgsqlDataSource.Create(Env(s.ConnectionEnv)));
        var key = ErasureKey.From(PseudonymKey.Parse(new string('7', 64)).Key!);
        var locator = new SubjectLocator(graph, connectors);
        var eraser = new SubjectEraser(connectors, key) { Commit = false };
        var baseline = new HandWrittenErase(sources, key);

        async Task<Dictionary<string, int>> EngineAsync(string email)
        {
            var found = await locator.FindAsync([SubjectIdentifier.Email(email)], LocateMode.KeysOnly);
            var report = await eraser.ExecuteAsync(ErasurePlanner.Plan(policy, graph, found), dryRun: false);
            if (report.Systems.FirstOrDefault(s => s.Error is not null) is { } failed)
            {
                throw new InvalidOperationException($"{failed.SystemId}: {failed.Error}");
            }

            return report.Systems.SelectMany(s => s.Tables.Where(t => t.Changed > 0).Select(t => ($"{s.SystemId}.{t.Table}", t.Changed))).ToDictionary(p => p.Item1, p => p.Changed);
        }

        var emails = await SampleAsync(sources["app"], subjects + 30);
        Console.WriteLine(string.Create(Invariant, $"{emails.Count - 30} customers with invoices sampled at random, 30 more to warm up"));
        foreach (var email in emails.Take(30))
        {
            await EngineAsync(email);
            await baseline.EraseAsync(email);
        }

        var ours = new List<double>();
        var theirs = new List<double>();
        long changed = 0;
        foreach (var (email, i) in emails.Skip(30).Select((e, i) => (e, i)))
        {
            Dictionary<string, int> mine, hand;
            var watch = Stopwatch.StartNew();
            if (i % 2 == 0)
            {
                mine = await EngineAsync(email);
                ours.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                hand = await baseline.EraseAsync(email);
                theirs.Add(watch.Elapsed.TotalMilliseconds);
            }
            else
            {
                hand = await baseline.EraseAsync(email);
                theirs.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                mine = await EngineAsync(email);
                ours.Add(watch.Elapsed.TotalMilliseconds);
            }

            if (!mine.OrderBy(c => c.Key).SequenceEqual(hand.OrderBy(c => c.Key)))
            {
                throw new InvalidOperationException($"engine and hand-written SQL disagree for {email}: {string.Join(",", mine.OrderBy(c => c.Key))} vs {string.Join(",", hand.OrderBy(c => c.Key))}");
            }

            changed += mine.Values.Sum();
        }

        Console.WriteLine(string.Create(Invariant, $"rows changed per subject: mean {(double)changed / ours.Count:N1}; both methods changed the same rows of every table for every subject"));
        Report("engine (locate keys, plan, 1 tx/system)", ours);
        Report("hand-written SQL (2 round trips/system)", theirs);
        Console.WriteLine(string.Create(Invariant, $"ratio engine/hand-written: median {Median(ours) / Median(theirs):N2}x, mean {ours.Average() / theirs.Average():N2}x (target <= 1.5x)"));
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

    private static async Task<List<string>> SampleAsync(NpgsqlDataSource app, int count)
    {
        await using var connection = await app.OpenConnectionAsync();
        await using var max = new NpgsqlCommand("SELECT max(id) FROM accounts", connection);
        var top = (long)(await max.ExecuteScalarAsync())!;
        var random = new Random(42);
        var ids = Enumerable.Range(0, count * 20).Select(_ => random.NextInt64(1, top + 1)).Distinct().ToArray();
        await using var pick = new NpgsqlCommand(
            "SELECT email FROM accounts a WHERE id = ANY($1) AND EXISTS (SELECT 1 FROM invoices i WHERE i.account_id = a.id) ORDER BY random() LIMIT $2", connection)
        { Parameters = { new() { Value = ids }, new() { Value = count } } };
        var emails = new List<string>();
        await using var reader = await pick.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            emails.Add(reader.GetString(0));
        }

        return emails;
    }
}
