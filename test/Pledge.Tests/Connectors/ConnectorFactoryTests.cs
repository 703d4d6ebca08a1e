using Pledge.Connectors;
using Pledge.Policy.Model;

namespace Pledge.Tests.Connectors;

public sealed class ConnectorFactoryTests
{
    private const string Secret = "hunter2-not-shown";

    [Fact]
    public void Open_VariableUnset_NamesTheVariableAndSystem()
    {
        var result = ConnectorFactory.Open(System(ConnectorKind.Sqlite), _ => null);

        Assert.False(result.IsOpen);
        Assert.Equal(ConnectorErrorKind.VariableUnset, result.Error!.Kind);
        Assert.Contains("PLEDGE_TEST_DB", result.Error.Message, StringComparison.Ordinal);
        Assert.Contains("'app'", result.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ConnectorKind.Postgres, "Host=db;Password=" + Secret + ";Port=not-a-number")]
    [InlineData(ConnectorKind.Postgres, "Host=db;Password=" + Secret + ";Frobnicate=yes")]
    [InlineData(ConnectorKind.Sqlite, "Data Source=x.db;Password=" + Secret + ";Frobnicate=yes")]
    [InlineData(ConnectorKind.Sqlite, "just " + Secret)]
    public void Open_MalformedConnectionString_ReportsKeysButNeverTheValue(ConnectorKind kind, string value)
    {
        var result = ConnectorFactory.Open(System(kind), _ => value);

        Assert.Equal(ConnectorErrorKind.MalformedConnectionString, result.Error!.Kind);
        Assert.DoesNotContain(Secret, result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_PostgresWithoutHost_AsksForOne()
    {
        var result = ConnectorFactory.Open(System(ConnectorKind.Postgres), _ => "Database=app;Password=" + Secret);

        Assert.Equal(ConnectorErrorKind.MalformedConnectionString, result.Error!.Kind);
        Assert.Contains("Host", result.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_SqliteFileMissing_ReportsItAndCreatesNothing()
    {
        var file = Path.Combine(Path.GetTempPath(), "pledge-missing-" + Guid.NewGuid().ToString("N") + ".db");

        var result = ConnectorFactory.Open(System(ConnectorKind.Sqlite), _ => $"Data Source={file}");

        Assert.Equal(ConnectorErrorKind.DatabaseMissing, result.Error!.Kind);
        Assert.Contains(file, result.Error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Open_PostgresServerDown_OpensAndFailsOnFirstUseWithADbException()
    {
        var result = ConnectorFactory.Open(System(ConnectorKind.Postgres), _ => "Host=127.0.0.1;Port=1;Timeout=2;Password=" + Secret);
        await using var connector = result.Connector!;

        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connector.ReadSchemaAsync());

        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.Equal(SqlDialect.Postgres, connector.Dialect);
    }

    private static DataSystem System(ConnectorKind kind) =>
        new("app", LocalizedText.Of("app"), kind, "PLEDGE_TEST_DB", null, null, [PlanTables.Table("accounts", identity: ["email:email"])], default);
}
