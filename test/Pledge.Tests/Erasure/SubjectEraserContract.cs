using Pledge.Connectors.Graph;
using Pledge.Connectors.Locating;
using Pledge.Erasure;
using Pledge.Policy.Model;
using Pledge.Tests.Connectors;

using Dump = System.Collections.Generic.Dictionary<string, System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<System.Collections.Generic.Dictionary<string, object?>>>>;

namespace Pledge.Tests.Erasure;

/// <summary>
/// Erasure against a freshly seeded demo database of each store: exactly what the data map says changes and nothing
/// else, legal holds are kept and reported, a failure midway leaves the system as it was, and SQL in values stays data.
/// </summary>
public abstract class SubjectEraserContract
{
    private static readonly string[] Systems = ["app", "marketing", "hr"];

    /// <summary>A new demo database of this store, seeded small; each test changes its own.</summary>
    protected abstract Task<DemoDatabase> SeedAsync();

    /// <summary>Makes every DELETE on <paramref name="table"/> of <paramref name="system"/> fail inside the database.</summary>
    protected abstract Task InjectDeleteFailureAsync(DemoDatabase db, string system, string table);

    [Fact]
    public async Task Execute_DemoSubject_ChangesExactlyWhatTheMapSaysAndNothingElse()
    {
        var db = await SeedAsync();
        var identifiers = await SubjectOf(db);
        var before = await DumpAsync(db);

        var (plan, report) = await EraseAsync(db, identifiers, dryRun: false);

        Assert.True(report.Complete, string.Join("; ", report.Systems.Select(s => s.Error)));
        Assert.True(report.Deleted > 0);
        Assert.True(report.Anonymised > 0);
        var after = await DumpAsync(db);
        AssertChangedExactlyAsPlanned(db.Policy, plan, before, after);
        var again = await new SubjectLocator(SubjectGraphPlan.Build(db.Policy), db.Connectors).FindAsync(identifiers, LocateMode.KeysOnly);
        Assert.DoesNotContain(again.Tables, t => t.Table.Erasure == ErasureStrategy.DeleteRow && plan.Tables.Any(p => p.Table == t.Table.Name && p.Action == TableAction.Delete));
    }

    [Fact]
    public async Task Execute_InvoicesUnderHold_AreKeptUnchangedAndReportedWithTheReason()
    {
        var db = await SeedAsync();
        var before = await DumpAsync(db);

        var (plan, report) = await EraseAsync(db, await SubjectOf(db), dryRun: false);

        var invoices = report.Systems.Single(s => s.SystemId == "app").Tables.Single(t => t.Table == "invoices");
        Assert.Equal(TableAction.Retain, invoices.Action);
        Assert.True(invoices.Rows > 0);
        Assert.Equal(0, invoices.Changed);
        Assert.All(invoices.Retained, r => Assert.Equal("statutory-accounts", r.Hold));
        Assert.Contains("six years", invoices.Retained[0].Reason, StringComparison.Ordinal);
        Assert.Equal(before["app"]["invoices"], (await DumpAsync(db))["app"]["invoices"], RowComparer.Instance);
        var accounts = plan.Tables.Single(t => t.Table == "accounts");
        Assert.Equal(TableAction.Anonymise, accounts.Action); // held invoices still point at it
        Assert.NotNull(accounts.Note);
    }

    [Fact]
    public async Task Execute_FailureInLastStatement_LeavesTheSystemUnchanged()
    {
        var db = await SeedAsync();
        var identifiers = await SubjectOf(db);
        var plan = await PlanAsync(db, identifiers);
        var last = plan.Of("app").Last(t => t.Action == TableAction.Delete);
        await InjectDeleteFailureAsync(db, "app", last.Table);
        var before = await DumpAsync(db);

        var report = await new SubjectEraser(db.Connectors, FieldErasureContract.Key).ExecuteAsync(plan, dryRun: false);

        var app = report.Systems.Single(s => s.SystemId == "app");
        Assert.False(app.Committed);
        Assert.Contains("injected", app.Error, StringComparison.OrdinalIgnoreCase);
        Assert.False(report.Complete);
        var after = await DumpAsync(db);
        foreach (var (table, rows) in before["app"])
        {
            Assert.Equal(rows, after["app"][table], RowComparer.Instance);
        }

        Assert.True(report.Systems.Where(s => s.SystemId != "app").All(s => s.Committed));
    }

    [Fact]
    public async Task Execute_DryRun_ChangesNothingAndCountsWhatARealRunChanges()
    {
        var db = await SeedAsync();
        var identifiers = await SubjectOf(db);
        var before = await DumpAsync(db);

        var (_, dry) = await EraseAsync(db, identifiers, dryRun: true);
        var unchanged = await DumpAsync(db);
        var (_, real) = await EraseAsync(db, identifiers, dryRun: false);

        AssertSame(before, unchanged);
        Assert.Equal(
            real.Systems.SelectMany(s => s.Tables).Select(t => (t.Table, t.Action, t.Rows, t.Changed)),
            dry.Systems.SelectMany(s => s.Tables).Select(t => (t.Table, t.Action, t.Rows, t.Changed)));
    }

    [Fact]
    public async Task Execute_ValuesAndIdentifiersCarryingSql_StayData()
    {
        var db = await SeedAsync();
        var customer = await CustomerAsync(db);
        const string Hostile = "Robert'); DROP TABLE accounts; -- \"Zoë\" 山田";
        await db.ExecuteAsync("app", "UPDATE \"accounts\" SET \"full_name\" = {0}, \"company\" = {1} WHERE \"id\" = {2}", Hostile, "x' OR '1'='1", customer["id"]);
        var hostileIds = new[] { SubjectIdentifier.Email("'; DROP TABLE accounts; --"), new SubjectIdentifier("account_id", "1 OR 1=1"), SubjectIdentifier.Email("\" OR \"\"=\"") };
        var before = await DumpAsync(db);

        var (nothing, _) = await EraseAsync(db, hostileIds, dryRun: false);
        Assert.Empty(nothing.Tables);
        AssertSame(before, await DumpAsync(db));

        var (plan, report) = await EraseAsync(db, [SubjectIdentifier.Email((string)customer["email"]!)], dryRun: false);
        Assert.True(report.Complete);
        var after = await DumpAsync(db);
        AssertChangedExactlyAsPlanned(db.Policy, plan, before, after);
        var account = after["app"]["accounts"].Single(r => Equals(r["id"], customer["id"]));
        Assert.Equal(FieldErasure.DefaultMask, account["full_name"]);
        Assert.Null(account["company"]);
    }

    /// <summary>A customer with invoices, support tickets and devices: every kind of action applies.</summary>
    private static async Task<SubjectIdentifier[]> SubjectOf(DemoDatabase db) =>
        [SubjectIdentifier.Email((string)(await CustomerAsync(db))["email"]!)];

    private static async Task<Dictionary<string, object?>> CustomerAsync(DemoDatabase db)
    {
        var app = await db.DumpAsync("app");
        var withInvoices = app["invoices"].Select(i => i["account_id"]).ToHashSet();
        var withTickets = app["support_tickets"].Select(i => i["account_id"]).ToHashSet();
        var withDevices = app["devices"].Select(i => i["account_id"]).ToHashSet();
        return app["accounts"].Where(a => withInvoices.Contains(a["id"]))
            .OrderByDescending(a => (withTickets.Contains(a["id"]) ? 1 : 0) + (withDevices.Contains(a["id"]) ? 1 : 0)).First();
    }

    private static async Task<ErasurePlan> PlanAsync(DemoDatabase db, IEnumerable<SubjectIdentifier> identifiers)
    {
        var graph = SubjectGraphPlan.Build(db.Policy);
        var rows = await new SubjectLocator(graph, db.Connectors).FindAsync(identifiers, LocateMode.KeysOnly);
        return ErasurePlanner.Plan(db.Policy, graph, rows);
    }

    private static async Task<(ErasurePlan Plan, ErasureReport Report)> EraseAsync(DemoDatabase db, IEnumerable<SubjectIdentifier> identifiers, bool dryRun)
    {
        var plan = await PlanAsync(db, identifiers);
        return (plan, await new SubjectEraser(db.Connectors, FieldErasureContract.Key).ExecuteAsync(plan, dryRun));
    }

    private static async Task<Dump> DumpAsync(DemoDatabase db)
    {
        var dump = new Dump();
        foreach (var system in Systems)
        {
            dump[system] = await db.DumpAsync(system);
        }

        return dump;
    }

    private static void AssertSame(Dump before, Dump after)
    {
        foreach (var (system, tables) in before)
        {
            foreach (var (table, rows) in tables)
            {
                Assert.Equal(rows, after[system][table], RowComparer.Instance);
            }
        }
    }

    /// <summary>Every row and column compared: planned rows changed as their table's action says, every other value untouched.</summary>
    private static void AssertChangedExactlyAsPlanned(Pledge.Policy.Model.Policy policy, ErasurePlan plan, Dump before, Dump after)
    {
        foreach (var (system, tables) in before)
        {
            foreach (var (table, rows) in tables)
            {
                var planned = plan.Tables.SingleOrDefault(t => t.SystemId == system && t.Table == table);
                var keys = planned?.Keys.ToHashSet() ?? [];
                var afterRows = after[system][table].ToDictionary(r => new RowKey(r["id"]));
                var map = policy.System(system)!.Table(table)!;
                foreach (var row in rows)
                {
                    var key = new RowKey(row["id"]);
                    if (planned is null || !keys.Contains(key) || planned.Action == TableAction.Retain)
                    {
                        Assert.Equal(row, afterRows[key], RowComparer.Instance);
                        continue;
                    }

                    if (planned.Action == TableAction.Delete)
                    {
                        Assert.False(afterRows.ContainsKey(key), $"{table} {key} not deleted");
                        continue;
                    }

                    var now = afterRows[key];
                    foreach (var (column, value) in row)
                    {
                        var action = planned.Fields.FirstOrDefault(f => f.Column == column);
                        var expected = action?.Strategy switch
                        {
                            null => value,
                            _ when value is null => null,
                            ErasureStrategy.Null => null,
                            ErasureStrategy.Mask => value is string ? FieldErasure.DefaultMask : null,
                            ErasureStrategy.Hash => value is string s ? FieldErasureContract.Key.Token(s) : null,
                            _ => value,
                        };
                        Assert.True(RowComparer.Same(expected, now[column]), $"{system}.{table} {key} {column}: expected {expected}, got {now[column]}");
                    }

                    Assert.Equal(map.Fields.Count(f => f.Erasure != ErasureStrategy.Retain), planned.Fields.Length);
                }

                Assert.Equal(rows.Count - (planned?.Action == TableAction.Delete ? planned.RowCount : 0), afterRows.Count);
            }
        }
    }

    private sealed class RowComparer : IEqualityComparer<Dictionary<string, object?>>
    {
        public static readonly RowComparer Instance = new();

        public static bool Same(object? a, object? b) => Equals(a, b) || (a is DateTime x && b is DateTime y && x == y);

        public bool Equals(Dictionary<string, object?>? x, Dictionary<string, object?>? y) =>
            x is not null && y is not null && x.Count == y.Count && x.All(p => y.TryGetValue(p.Key, out var v) && Same(p.Value, v));

        public int GetHashCode(Dictionary<string, object?> obj) => obj.Count;
    }
}
