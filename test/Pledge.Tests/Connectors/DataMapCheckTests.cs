using Microsoft.Data.Sqlite;
using Pledge.Connectors;
using Pledge.Diagnostics;
using Pledge.Policy.Model;
using Pledge.Tests.Support;

namespace Pledge.Tests.Connectors;

/// <summary><c>pledge check --connect</c>: one planted fault per rule, on a fresh demo database, reported at the data map's line.</summary>
public sealed class DataMapCheckTests
{
    /// <summary>The rules only a connected check reports; PolicyRulesTests counts them as tested here.</summary>
    public static readonly string[] Codes = ["PL050", "PL051", "PL052", "PL053"];

    public static TheoryData<string, string, string> Faults => new()
    {
        // code, SQL run on app.db, text on the expected line of data-map.yaml
        { "PL051", "DROP TABLE viewer_cache", "- name: viewer_cache" },
        { "PL052", "ALTER TABLE support_logs DROP COLUMN file_name", "{ column: file_name, category: user.activity.logs }" },
        { "PL053", "DROP INDEX ix_sign_ins_device_id", "{ column: device_id, table: devices }" },
        { "PL053", "DROP INDEX ix_support_tickets_contact_email", "{ column: contact_email, identifier: email }" },
    };

    [Fact]
    public async Task RunAsync_FreshDemo_ReportsNothing()
    {
        var db = await DemoDatabase.SqliteAsync(rows: 500, seed: 3);

        Assert.Empty(await DataMapCheck.RunAsync(db.Policy, db.Environment));
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task RunAsync_PlantedFault_ReportsRuleAtTheDataMapLine(string code, string sql, string lineText)
    {
        var db = await DemoDatabase.SqliteAsync(rows: 500, seed: 3);
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(db.Folder!, "app.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }

        var diagnostics = await DataMapCheck.RunAsync(db.Policy, db.Environment);

        var hit = Assert.Single(diagnostics);
        Assert.Equal(code, hit.Code);
        Assert.EndsWith("data-map.yaml", hit.Location.File, StringComparison.Ordinal);
        Assert.Equal(LineOf(lineText, sql), hit.Location.Line);
    }

    [Fact]
    public async Task RunAsync_VariableUnsetOrServerDown_ReportsEachSystemOnce()
    {
        var policy = DemoDatabase.ExamplePolicy(ConnectorKind.Postgres);

        var diagnostics = await DataMapCheck.RunAsync(policy, v => v == "PLEDGE_HR_DB" ? null : "Host=127.0.0.1;Port=1;Timeout=2;Password=secret-value");

        Assert.Equal(3, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal("PL050", d.Code));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Contains(diagnostics, d => d.Message.Contains("PLEDGE_HR_DB is not set", StringComparison.Ordinal));
        Assert.All(diagnostics, d => Assert.DoesNotContain("secret-value", d.Message, StringComparison.Ordinal));
    }

    /// <summary>The line of <paramref name="text"/> in the example's data map, within the app system and the table the SQL names.</summary>
    private static int LineOf(string text, string sql)
    {
        var lines = File.ReadAllLines(Path.Combine(Repo.ExampleDir, "data-map.yaml"));
        var table = sql.Contains("sign_ins", StringComparison.Ordinal) ? "- name: sign_ins"
            : sql.Contains("support_tickets", StringComparison.Ordinal) ? "- name: support_tickets"
            : sql.Contains("support_logs", StringComparison.Ordinal) ? "- name: support_logs" : "";
        var from = Array.FindIndex(lines, l => l.Contains(table, StringComparison.Ordinal));
        return Array.FindIndex(lines, from, l => l.Contains(text, StringComparison.Ordinal)) + 1;
    }
}
