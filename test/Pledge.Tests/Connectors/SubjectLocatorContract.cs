using Pledge.Connectors;
using Pledge.Connectors.Graph;
using Pledge.Connectors.Locating;
using Pledge.Policy.Model;

namespace Pledge.Tests.Connectors;

/// <summary>
/// What every connector must do when searching for a subject, run against each store by a subclass: exactly the
/// rows the rule selects (checked against <see cref="ExpectedRows"/> on full dumps), never a twin's, and SQL in
/// identifiers or values stays data.
/// </summary>
public abstract class SubjectLocatorContract
{
    private const long InjectedAccount = 90_000_001;

    /// <summary>The seeded demo database of this store, shared by the class's tests.</summary>
    protected abstract Task<DemoDatabase> DatabaseAsync();

    /// <summary>A connector for <paramref name="system"/> on a new empty database of this store.</summary>
    protected abstract Task<Connector> EmptyDatabaseAsync(DataSystem system);

    protected abstract ConnectorKind Kind { get; }

    /// <summary>How the store's plan says "reads the whole table".</summary>
    protected abstract string FullScan { get; }

    [Fact]
    public async Task Explain_EveryStatementOfASearch_LooksUpIndexesAndScansNoTable()
    {
        var db = await DatabaseAsync();
        var subject = db.Seed.Twins[0].Subject;

        var plans = await QueryPlans.ExplainAsync(db, [SubjectIdentifier.Email(subject.Email), new SubjectIdentifier("phone", subject.Phone)]);

        Assert.True(plans.Count >= 10, $"only {plans.Count} statements ran");
        Assert.All(plans, p => Assert.False(p.Plan.Contains(FullScan, StringComparison.Ordinal), $"{p.Sql}\n{p.Plan}"));
    }

    [Fact]
    public async Task FindAsync_SampledPeople_ReturnsExactlyTheRowsTheRuleSelects()
    {
        var db = await DatabaseAsync();
        var app = await db.DumpAsync("app");
        var marketing = await db.DumpAsync("marketing");
        var hr = await db.DumpAsync("hr");
        var subjects = new List<SubjectIdentifier[]>();
        subjects.AddRange(app["accounts"].Take(12).Select(a => new[] { SubjectIdentifier.Email((string)a["email"]!) }));
        subjects.Add([new SubjectIdentifier("phone", (string)app["accounts"][3]["phone"]!), new SubjectIdentifier("account_id", ExpectedRows.Text(app["accounts"][5]["id"])!)]);
        subjects.Add([SubjectIdentifier.Email((string)marketing["crm_contacts"].Last()["email"]!)]);
        subjects.Add([SubjectIdentifier.Email((string)hr["applications"][0]["email"]!)]);
        subjects.Add([new SubjectIdentifier("cookie_id", (string)marketing["web_requests"][0]["visitor_id"]!)]);
        subjects.Add([new SubjectIdentifier("device_id", (string)app["devices"][0]["device_uid"]!)]);
        var locator = Locator(db);

        foreach (var identifiers in subjects)
        {
            var found = await locator.FindAsync(identifiers);

            Assert.Empty(found.Unsearched);
            foreach (var (system, dump) in new[] { ("app", app), ("marketing", marketing), ("hr", hr) })
            {
                var expected = ExpectedRows.Of(db.Policy.System(system)!, dump, identifiers);
                Assert.Equal(Sorted(expected), Sorted(ExpectedRows.Keys(found, system)));
            }

            Assert.True(found.RowCount > 0, $"nothing found for {string.Join(", ", identifiers.Select(i => i.ToString()))}");
        }
    }

    [Fact]
    public async Task FindAsync_Twin_NeverLeaksIntoTheSubjectsRows()
    {
        var db = await DatabaseAsync();
        var locator = Locator(db);
        Assert.NotEmpty(db.Seed.Twins);
        Assert.Contains(db.Seed.Twins, t => t.Difference == "dot");

        foreach (var pair in db.Seed.Twins)
        {
            var subject = await locator.FindAsync([SubjectIdentifier.Email(pair.Subject.Email)]);
            var twin = await locator.FindAsync([SubjectIdentifier.Email(pair.Twin.Email)]);

            Assert.Equal(pair.Subject.AccountId, (long)subject.Table("app", "accounts")!.Rows.Single().Key.Values[0]!);
            foreach (var table in twin.Tables)
            {
                var mine = subject.Table(table.SystemId, table.Table.Name)?.Rows.Select(r => r.Key).ToHashSet() ?? [];
                Assert.DoesNotContain(table.Rows, r => mine.Contains(r.Key));
            }

            var devices = subject.Table("app", "devices")!;
            Assert.Contains(devices.Rows, r => (string?)devices.Value(r, "device_uid") == pair.Subject.DeviceUid);
            Assert.All(devices.Rows, r => Assert.Equal(pair.Subject.AccountId, Convert.ToInt64(devices.Value(r, "account_id"), System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Fact]
    public async Task FindAsync_SharedDeviceId_FindsTheDeviceRowOfEachAccount()
    {
        var db = await DatabaseAsync();
        var pair = db.Seed.Twins[0];

        var found = await Locator(db).FindAsync([new SubjectIdentifier("device_id", pair.Subject.DeviceUid!)]);

        var devices = found.Table("app", "devices")!;
        var owners = devices.Rows.Select(r => (long?)Convert.ToInt64(devices.Value(r, "account_id"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new[] { pair.Subject.AccountId, pair.Twin.AccountId }.Order(), owners.Order());
        Assert.Null(found.Table("app", "accounts")); // a device does not make its account the holder's: references are followed downwards only
    }

    [Fact]
    public async Task FindAsync_EmailInOtherCaseWithSpaces_FindsTheSameRows()
    {
        var db = await DatabaseAsync();
        var email = db.Seed.Twins[0].Subject.Email;
        var locator = Locator(db);

        var exact = await locator.FindAsync([SubjectIdentifier.Email(email)]);
        var shouted = await locator.FindAsync([SubjectIdentifier.Email("  " + email.ToUpperInvariant() + "\t")]);

        Assert.Equal(Sorted(ExpectedRows.Keys(exact, "app")), Sorted(ExpectedRows.Keys(shouted, "app")));
        Assert.Equal(exact.RowCount, shouted.RowCount);
    }

    [Fact]
    public async Task FindAsync_ValuesCarryingSql_AreStoredAndFoundAsPlainData()
    {
        var db = await DatabaseAsync();
        const string Email = "robert'); drop table accounts; --@example.com";
        const string Name = "Zoë \"Bobby\" O'Brien; DROP TABLE devices; -- ✓ 日本";
        await db.ExecuteAsync("app", "INSERT INTO accounts (id, email, full_name, created_at) VALUES ({0}, {1}, {2}, {3})", InjectedAccount, Email, Name, DemoDatabase.Today.UtcDateTime);
        await db.ExecuteAsync("app", "INSERT INTO devices (id, account_id, device_uid, computer_name) VALUES ({0}, {1}, {2}, {3})", InjectedAccount, InjectedAccount, "1'; DELETE FROM devices; --", "\"; DROP TABLE sessions; --");
        var locator = Locator(db);

        var found = await locator.FindAsync([SubjectIdentifier.Email("  Robert'); DROP TABLE accounts; --@EXAMPLE.com ")]);
        var byDevice = await locator.FindAsync([new SubjectIdentifier("device_id", "1'; DELETE FROM devices; --")]);
        var tautology = await locator.FindAsync([SubjectIdentifier.Email("' OR '1'='1"), new SubjectIdentifier("account_id", "1 OR 1=1"), new SubjectIdentifier("username", "x\" OR \"\"=\"")]);

        var account = found.Table("app", "accounts")!.Rows.Single();
        Assert.Equal(Name, found.Table("app", "accounts")!.Value(account, "full_name"));
        Assert.Single(found.Table("app", "devices")!.Rows);
        Assert.Single(byDevice.Table("app", "devices")!.Rows);
        Assert.Equal(0, tautology.RowCount);
        Assert.Empty(await DataMapCheck.RunAsync(db.Policy, db.Environment)); // every table, column and index is still there
        Assert.True((await db.DumpAsync("app"))["accounts"].Count > 10);
    }

    [Fact]
    public async Task FindAsync_MoreKeysThanOneStatementTakes_BatchesAndFindsAll()
    {
        var db = await DatabaseAsync();
        const long Account = InjectedAccount + 1;
        const int Tickets = 1_234; // over SQLite's 500 keys per statement: the logs' query is split in three
        await db.ExecuteAsync("app", "INSERT INTO accounts (id, email) VALUES ({0}, {1})", Account, "many.tickets@example.com");
        await db.ExecuteAsync("app", "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + Tickets + ") " +
            "INSERT INTO support_tickets (id, account_id, status) SELECT " + (Account * 10) + " + i, {0}, 'open' FROM n", Account);
        await db.ExecuteAsync("app", "INSERT INTO support_logs (id, ticket_id, file_name) SELECT id, id, 'viewer.log' FROM support_tickets WHERE account_id = {0}", Account);

        var found = await Locator(db).FindAsync([SubjectIdentifier.Email("many.tickets@example.com")], LocateMode.KeysOnly);

        Assert.Equal(Tickets, found.Table("app", "support_tickets")!.Rows.Length);
        Assert.Equal(Tickets, found.Table("app", "support_logs")!.Rows.Length);
        Assert.Equal(["id"], found.Table("app", "support_logs")!.Columns.ToArray());
    }

    [Fact]
    public async Task FindAsync_ReferenceCycle_FollowsItToAFixedPoint()
    {
        var system = CycleSystem(Kind);
        await using var connector = await EmptyDatabaseAsync(system);
        await using (var connection = await connector.OpenConnectionAsync())
        {
            foreach (var sql in new[]
            {
                "CREATE TABLE people (id bigint PRIMARY KEY, email text)",
                "CREATE TABLE notes (id bigint PRIMARY KEY, person_id bigint, reply_to bigint, body text)",
                "INSERT INTO people VALUES (1, 'a@example.com'), (2, 'b@example.com')",
                "INSERT INTO notes VALUES (1, 1, NULL, 'first'), (2, 2, 1, 'reply'), (3, 2, 2, 'reply to reply'), (4, 2, NULL, 'unrelated'), (5, 2, 5, 'loops on itself')",
            })
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync();
            }
        }

        var policy = DemoDatabase.ExamplePolicy(Kind) with { Systems = [system] };
        var plan = SubjectGraphPlan.Build(policy);

        var found = await new SubjectLocator(plan, [connector]).FindAsync([SubjectIdentifier.Email("A@example.com")]);

        Assert.True(plan.System("forum")!.Components.Single(c => c.Tables[0].Name == "notes").IsCycle);
        Assert.Equal(["1", "2", "3"], found.Table("forum", "notes")!.Rows.Select(r => r.Key.ToString()).Order());
    }

    internal static DataSystem CycleSystem(ConnectorKind kind) => new("forum", LocalizedText.Of("forum"), kind, "PLEDGE_FORUM_DB", null, null,
    [
        PlanTables.Table("people", identity: ["email:email"], fields: ["email"]),
        PlanTables.Table("notes", references: ["person_id>people", "reply_to>notes"], fields: ["body"]),
    ], default);

    private static SubjectLocator Locator(DemoDatabase db) => new(SubjectGraphPlan.Build(db.Policy), db.Connectors);

    private static List<string> Sorted(Dictionary<string, HashSet<string>> keys) =>
        [.. keys.SelectMany(t => t.Value.Select(k => t.Key + ":" + k)).Order(StringComparer.Ordinal)];
}
