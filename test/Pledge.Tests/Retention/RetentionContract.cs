using Microsoft.Extensions.Time.Testing;
using Pledge.Audit;
using Pledge.Connectors.Locating;
using Pledge.Erasure;
using Pledge.Policy.Model;
using Pledge.Retention;
using Pledge.Storage;
using Pledge.Tests.Connectors;

namespace Pledge.Tests.Retention;

/// <summary>
/// The retention contract, run on SQLite and on PostgreSQL (each derived class seeds a fresh ~3,000-row demo database
/// per test, as runs change it, and an own store of the same dialect).
/// </summary>
public abstract class RetentionContract
{
    private static readonly ErasureKey Key = ErasureKey.From(PseudonymKey.Parse(Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray())).Key!);

    protected abstract Task<DemoDatabase> SeedAsync(int seed = 5);

    protected abstract Task<StoreLocation> NewStoreAsync();

    private static FakeTimeProvider NewTime() => DemoDatabase.Time();

    private static Task<OwnStore> OpenAsync(StoreLocation location, FakeTimeProvider time) =>
        OwnStore.OpenAsync(location, new OwnStoreOptions { Time = time });

    private static RetentionRunner Runner(OwnStore store, DemoDatabase db, int batch = 5_000, Action<int>? after = null) =>
        new(store, db.Connectors, new RetentionRunOptions("test", batch, Key: Key, AfterBatch: after));

    [Fact]
    public async Task Run_EveryTimedRule_ActsOnExactlyTheExpiredRowsAndHeldRowsStay()
    {
        var db = await SeedAsync();
        var time = NewTime();
        await using var store = await OpenAsync(await NewStoreAsync(), time);
        var compilation = RetentionPlanner.Compile(db.Policy);
        Assert.Equal(21, compilation.Rules.Length);
        Assert.Contains(compilation.Rules, r => r.Action == RetentionAction.Minimise);
        Assert.Contains(compilation.Rules, r => r.AnchorReference is not null);

        // Invoices are issued after their account was opened, so few are older than six years: backdate three.
        var old = new DateTimeOffset(2018, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await db.ExecuteAsync("app", "UPDATE \"invoices\" SET \"issued_at\" = {0} WHERE \"id\" <= 3",
            db.Connector("app").Dialect.UsesArrays ? old : old.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
        var heldSomewhere = 0;
        var tablesDone = new HashSet<string>();
        foreach (var rule in compilation.Rules)
        {
            var before = await db.DumpAsync(rule.System.Id);
            var held = new HashSet<long>();
            if (!rule.Rule.Holds.IsEmpty)
            {
                // Hold one of the rows that have expired: it must stay as it is.
                held = [.. ExpiryOracle.Expected(rule, before, DemoDatabase.Today, held).Order().Take(1)];
                await LegalHoldRows.PlaceAsync(store, rule.Rule.Holds[0], rule.System.Id, rule.Table.Name, [.. held.Select(h => h.ToString(System.Globalization.CultureInfo.InvariantCulture))], "test", "litigation");
                heldSomewhere += held.Count;
            }

            var expected = ExpiryOracle.Expected(rule, before, DemoDatabase.Today, held);
            var result = await Runner(store, db, batch: 97).RunAsync([rule]);
            var after = await db.DumpAsync(rule.System.Id);

            // An earlier rule on the same table may have taken every row this one would (subscribers: three rules).
            var firstOnTable = tablesDone.Add(rule.Table.Name);
            Assert.True(expected.Count + held.Count > 0 || !firstOnTable, $"rule {rule.Id}: the demo data should have expired rows");
            tablesDone.UnionWith(rule.Cascade.Select(c => c.Table.Name)); // a delete's cascade may have taken a later rule's rows
            Assert.All(held, h => Assert.Equal(before[rule.Table.Name].Single(r => ExpiryOracle.Id(r["id"]) == h), after[rule.Table.Name].Single(r => ExpiryOracle.Id(r["id"]) == h)));
            Assert.Equal(expected.Count, result.Rules.Single().Affected);
            var beforeRows = before[rule.Table.Name].ToDictionary(r => ExpiryOracle.Id(r["id"]));
            var afterRows = after[rule.Table.Name].ToDictionary(r => ExpiryOracle.Id(r["id"]));
            foreach (var (id, row) in beforeRows)
            {
                if (!expected.Contains(id))
                {
                    Assert.True(afterRows.ContainsKey(id), $"rule {rule.Id}: row {id} has not expired but is gone");
                    Assert.Equal(row, afterRows[id]);
                    continue;
                }

                switch (rule.Action)
                {
                    case RetentionAction.Delete:
                        Assert.False(afterRows.ContainsKey(id), $"rule {rule.Id}: expired row {id} is still there");
                        break;
                    case RetentionAction.Minimise:
                        Assert.True(afterRows.ContainsKey(id), $"rule {rule.Id}: minimise removed row {id}");
                        Assert.All(rule.FieldActions, f => Assert.Null(afterRows[id][f.Column]));
                        break;
                    default:
                        Assert.True(afterRows.ContainsKey(id), $"rule {rule.Id}: anonymise removed row {id}");
                        foreach (var field in rule.FieldActions.Where(f => row[f.Column] is not null))
                        {
                            var value = afterRows[id][field.Column];
                            Assert.NotEqual(row[field.Column], value);
                            Assert.True(field.Erasure switch
                            {
                                ErasureStrategy.Hash => ExpiryOracle.IsToken(value),
                                ErasureStrategy.Mask => Equals(value, ExpiryOracle.RetentionSqlMask),
                                _ => value is null,
                            }, $"rule {rule.Id}: {field.Column} of row {id} is {value}");
                        }

                        break;
                }
            }
        }

        Assert.True(heldSomewhere > 0);
    }

    [Fact]
    public async Task Run_Twice_SecondRunChangesNothing()
    {
        var db = await SeedAsync();
        var time = NewTime();
        await using var store = await OpenAsync(await NewStoreAsync(), time);
        var rules = RetentionPlanner.Compile(db.Policy).Rules;
        var first = await Runner(store, db).RunAsync(rules);
        var dump = await DumpAllAsync(db);
        var second = await Runner(store, db).RunAsync(rules);

        Assert.True(first.Rules.Sum(r => r.Affected) > 0);
        Assert.NotEqual(first.JobId, second.JobId);
        Assert.All(second.Rules, r => Assert.Equal(0, r.Affected));
        Assert.Equal(dump, await DumpAllAsync(db));
    }

    [Fact]
    public async Task Plan_BeforeRun_CountsWhatTheRunDoes()
    {
        var db = await SeedAsync();
        var time = NewTime();
        await using var store = await OpenAsync(await NewStoreAsync(), time);
        var rules = RetentionPlanner.Compile(db.Policy).Rules;
        var plan = await RetentionPlan.PlanAsync(store, db.Connectors, rules, DemoDatabase.Today);
        var logs = plan.Single(p => p.RuleId == "support-logs-one-week");
        Assert.True(logs.Rows > 0);
        Assert.NotNull(logs.OldestAnchor);
        Assert.Contains(logs.Statements, s => s.Contains("\"support_tickets\"", StringComparison.Ordinal));

        // Rules run in order and one rule's deletes can shrink a later rule's rows (subscribers), so compare one rule at a time.
        var single = rules.Single(r => r.Id == "telemetry-13-months");
        var result = await Runner(store, db).RunAsync([single]);
        Assert.Equal(plan.Single(p => p.RuleId == single.Id).Rows, result.Rules.Single().Affected);
    }

    [Fact]
    public async Task Run_KilledBetweenBatchesThenRunAgain_EndsAsAnUninterruptedRun()
    {
        var whole = await SeedAsync(seed: 9);
        var broken = await SeedAsync(seed: 9);
        var rules = RetentionPlanner.Compile(whole.Policy).Rules;
        var time = NewTime();
        await using (var store = await OpenAsync(await NewStoreAsync(), time))
        {
            await Runner(store, whole, batch: 50).RunAsync(rules);
        }

        var brokenTime = NewTime();
        await using var brokenStore = await OpenAsync(await NewStoreAsync(), brokenTime);
        await Assert.ThrowsAsync<SimulatedCrash>(() => Runner(brokenStore, broken, batch: 50, after: n => { if (n == 7) { throw new SimulatedCrash(); } }).RunAsync(rules));

        // The dead run's lease still holds its rule: another instance waits for it to expire, then resumes the job.
        var resumedEarly = await Runner(brokenStore, broken, batch: 50).RunAsync(rules.Take(1).ToList());
        Assert.True(resumedEarly.Resumed);
        brokenTime.Advance(TimeSpan.FromMinutes(10));
        var resumed = await Runner(brokenStore, broken, batch: 50).RunAsync(rules);
        Assert.True(resumed.Resumed || resumedEarly.Resumed);

        foreach (var system in whole.Policy.Systems)
        {
            Assert.Equal(await whole.DumpAsync(system.Id), await broken.DumpAsync(system.Id));
        }
    }

    [Fact]
    public async Task Run_TwoInstancesAtOnce_ProcessEachRowOnce()
    {
        var db = await SeedAsync();
        var reference = await SeedAsync();
        var rules = RetentionPlanner.Compile(db.Policy).Rules;
        var time = NewTime();
        var location = await NewStoreAsync();
        await using var one = await OpenAsync(location, time);
        await using var two = await OpenAsync(location, time);
        await using (var alone = await OpenAsync(await NewStoreAsync(), NewTime()))
        {
            await Runner(alone, reference, batch: 40).RunAsync(rules);
        }

        var results = await Task.WhenAll(
            Task.Run(() => Runner(one, db, batch: 40).RunAsync(rules)),
            Task.Run(() => Runner(two, db, batch: 40).RunAsync(rules)));

        var audited = await one.ReadAsync(async (session, ct) =>
        {
            using var command = session.Command("SELECT detail FROM audit_log WHERE action = 'retention.batch'");
            using var reader = await command.ExecuteReaderAsync(ct);
            var keys = new List<string>();
            long rows = 0;
            while (await reader.ReadAsync(ct))
            {
                var detail = reader.GetString(0);
                keys.Add(detail[(detail.IndexOf("; rule ", StringComparison.Ordinal) + 7)..detail.IndexOf("; rows", StringComparison.Ordinal)]);
                rows += long.Parse(detail[(detail.IndexOf("; rows ", StringComparison.Ordinal) + 7)..detail.IndexOf("; cascaded", StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            }

            return (keys, rows);
        });

        Assert.Equal(audited.keys.Count, audited.keys.Distinct().Count()); // no key range of a rule processed twice
        Assert.True(results.SelectMany(r => r.Rules).Sum(r => r.Affected) > 0);
        foreach (var system in db.Policy.Systems)
        {
            Assert.Equal(await reference.DumpAsync(system.Id), await db.DumpAsync(system.Id));
        }
    }

    [Fact]
    public async Task Trigger_SignedOut_ClearsOnlyThatSubjectsViewerCache()
    {
        var db = await SeedAsync();
        await using var store = await OpenAsync(await NewStoreAsync(), NewTime());
        var app = await db.DumpAsync("app");
        var devices = app["devices"].ToDictionary(d => ExpiryOracle.Id(d["id"]), d => ExpiryOracle.Id(d["account_id"]));
        var accountId = app["viewer_cache"].Select(v => devices[ExpiryOracle.Id(v["device_id"])]).First();
        var email = (string)app["accounts"].Single(a => ExpiryOracle.Id(a["id"]) == accountId)["email"]!;
        var mine = app["viewer_cache"].Where(v => devices[ExpiryOracle.Id(v["device_id"])] == accountId).Select(v => ExpiryOracle.Id(v["id"])).ToHashSet();

        var results = await new RetentionEvents(db.Policy, store, db.Connectors, Key, "test").RaiseAsync("viewer.signed_out", [SubjectIdentifier.Email(email)]);

        Assert.Equal(mine.Count, results.Single().Affected);
        var left = (await db.DumpAsync("app"))["viewer_cache"].Select(v => ExpiryOracle.Id(v["id"])).ToHashSet();
        Assert.Empty(left.Intersect(mine));
        Assert.Equal(app["viewer_cache"].Count - mine.Count, left.Count);
    }

    private static async Task<Dictionary<string, Dictionary<string, List<Dictionary<string, object?>>>>> DumpAllAsync(DemoDatabase db)
    {
        var all = new Dictionary<string, Dictionary<string, List<Dictionary<string, object?>>>>();
        foreach (var system in db.Policy.Systems)
        {
            all[system.Id] = await db.DumpAsync(system.Id);
        }

        return all;
    }

    private sealed class SimulatedCrash : Exception;
}
