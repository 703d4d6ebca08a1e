using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pledge.Demo;
using Pledge.Policy.Model;
using Pledge.Tests.Connectors;

namespace Pledge.Tests.Demo;

public sealed class DemoSeederTests
{
    [Fact]
    public void Schema_IsExactlyTheExampleDataMap()
    {
        var policy = DemoDatabase.ExamplePolicy(ConnectorKind.Sqlite);

        var mapped = policy.Systems.SelectMany(s => s.Tables.Select(t => $"{s.Id}.{t.Name}({string.Join(",", t.KnownColumns.Order(StringComparer.Ordinal))})"));
        var seeded = DemoSchema.Tables.Select(t => $"{t.System}.{t.Name}({string.Join(",", t.Columns.Select(c => c.Name).Order(StringComparer.Ordinal))})");

        Assert.Equal(mapped.Order(StringComparer.Ordinal), seeded.Order(StringComparer.Ordinal));
        Assert.Equal(19, DemoSchema.Tables.Length);
        Assert.Equal(policy.Systems.Select(s => (s.Id, s.ConnectionEnv)), DemoSchema.Systems);
    }

    [Fact]
    public async Task SeedSqlite_SameSeed_WritesTheSameData()
    {
        var first = await DemoDatabase.SqliteAsync(rows: 2_000, seed: 5);
        var second = await DemoDatabase.SqliteAsync(rows: 2_000, seed: 5);
        var other = await DemoDatabase.SqliteAsync(rows: 2_000, seed: 6);

        Assert.Equal(await HashAsync(first), await HashAsync(second));
        Assert.NotEqual(await HashAsync(first), await HashAsync(other));
        Assert.Equal(first.Seed.Twins.ToArray(), second.Seed.Twins.ToArray());
    }

    [Fact]
    public async Task SeedSqlite_Rows_ReachesTheTargetInEveryTable()
    {
        var db = await DemoDatabase.SqliteAsync(rows: 5_000, seed: 2);

        Assert.InRange(db.Seed.Rows, 5_000, 5_400);
        Assert.All(db.Seed.Tables, t => Assert.True(t.Rows > 0, $"{t.System}.{t.Table} is empty"));
        var app = await db.DumpAsync("app");
        Assert.Equal(db.Seed.Tables.Single(t => t.Table == "sign_ins").Rows, app["sign_ins"].Count);
    }

    [Fact]
    public async Task SeedSqlite_ExistingFiles_RefusesAndLeavesThemAlone()
    {
        var db = await DemoDatabase.SqliteAsync(rows: 300, seed: 1);
        var before = await HashAsync(db);

        var again = await new DemoSeeder(DemoDatabase.Time()).SeedSqliteAsync(db.Folder!, new DemoOptions(300, Seed: 2));

        Assert.False(again.Succeeded);
        Assert.Contains("--replace", again.Error, StringComparison.Ordinal);
        Assert.Equal(before, await HashAsync(db));
        Assert.Empty(Directory.GetFiles(db.Folder!, "*.partial"));
    }

    [Fact]
    public async Task SeedSqlite_Timestamps_SpanBothSidesOfTheRetentionPeriods()
    {
        var db = await DemoDatabase.SqliteAsync(rows: 5_000, seed: 4);
        var now = DemoDatabase.Today.UtcDateTime;
        var marketing = await db.DumpAsync("marketing");
        var app = await db.DumpAsync("app");

        var requests = marketing["web_requests"].Select(r => Instant(r["requested_at"])).ToList();
        var telemetry = app["telemetry_events"].Select(r => Instant(r["occurred_at"])).ToList();

        Assert.Contains(requests, t => t > now.AddDays(-30));
        Assert.Contains(requests, t => t < now.AddDays(-30));
        Assert.Contains(requests, t => t < now.AddYears(-6));
        Assert.Contains(telemetry, t => t < now.AddMonths(-13));
        Assert.All(requests.Concat(telemetry), t => Assert.True(t <= now && t > now.AddYears(-8).AddDays(-1)));
        Assert.Contains(app["accounts"], r => r["closed_at"] is not null);
        Assert.Contains(marketing["subscribers"], r => r["member_since"] is not null);
        Assert.Contains(marketing["event_registrations"], r => (string?)r["kind"] == "competition");
    }

    [Fact]
    public async Task SeedSqlite_Twins_LookAlikeButDiffer()
    {
        var db = await DemoDatabase.SqliteAsync(rows: 5_000, seed: 8);

        Assert.True(db.Seed.Twins.Length >= 2);
        Assert.All(db.Seed.Twins, t =>
        {
            Assert.Equal(t.Subject.FullName, t.Twin.FullName);
            Assert.NotEqual(t.Subject.Email, t.Twin.Email);
            Assert.Equal(t.Subject.Email, t.Subject.Email.Trim().ToLowerInvariant());
            Assert.NotEqual(t.Subject.Phone, t.Twin.Phone);
            Assert.Equal(t.Subject.DeviceUid, t.Twin.DeviceUid);
            Assert.NotEqual(t.Subject.AccountId, t.Twin.AccountId);
        });
    }

    /// <summary>SHA-256 over every row of every table, in id order.</summary>
    internal static async Task<string> HashAsync(DemoDatabase db)
    {
        var text = new StringBuilder();
        foreach (var system in new[] { "app", "marketing", "hr" })
        {
            foreach (var (table, rows) in await db.DumpAsync(system))
            {
                text.Append(table).Append('\n');
                foreach (var row in rows)
                {
                    text.AppendJoin('\u001f', row.Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))).Append('\n');
                }
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static DateTime Instant(object? value) => value switch
    {
        DateTime t => t,
        string s => DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        _ => throw new InvalidOperationException($"not a timestamp: {value}"),
    };
}
