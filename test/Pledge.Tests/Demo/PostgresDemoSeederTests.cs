using Pledge.Connectors;
using Pledge.Demo;
using Pledge.Tests.Connectors;
using Pledge.Tests.Support;

namespace Pledge.Tests.Demo;

[Collection(PostgresCollection.Name)]
public sealed class PostgresDemoSeederTests(PostgresServer server)
{
    [Fact]
    public async Task SeedPostgres_SameSeedAsSqlite_SameRowsWithKeysIndexesAndForeignKeys()
    {
        var postgres = await DemoDatabase.PostgresAsync(server, rows: 2_000, seed: 9);
        var sqlite = await DemoDatabase.SqliteAsync(rows: 2_000, seed: 9);

        Assert.Equal(sqlite.Seed.Tables.ToArray(), postgres.Seed.Tables.ToArray());
        Assert.Equal(sqlite.Seed.Twins.ToArray(), postgres.Seed.Twins.ToArray());
        Assert.Empty(await DataMapCheck.RunAsync(postgres.Policy, postgres.Environment));
        var foreignKeys = await CountAsync(postgres, "SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace::regnamespace::text IN ('app', 'marketing', 'hr')");
        Assert.Equal(DemoSchema.Tables.Sum(t => t.Columns.Count(c => c.References is not null)), foreignKeys);
    }

    [Fact]
    public async Task SeedPostgres_SchemasExist_RefusesUnlessReplacing()
    {
        var db = await DemoDatabase.PostgresAsync(server, rows: 300, seed: 1);
        var connectionString = db.Environment("PLEDGE_APP_DB")!;
        var seeder = new DemoSeeder(DemoDatabase.Time());

        var refused = await seeder.SeedPostgresAsync(connectionString, new DemoOptions(300, Seed: 2));
        var replaced = await seeder.SeedPostgresAsync(connectionString, new DemoOptions(600, Seed: 2, Replace: true));

        Assert.False(refused.Succeeded);
        Assert.Contains("app, hr, marketing", refused.Error, StringComparison.Ordinal);
        Assert.True(replaced.Succeeded);
        Assert.Equal(replaced.Tables.Single(t => t.Table == "accounts").Rows, await CountAsync(db, "SELECT count(*) FROM app.accounts"));
        Assert.Equal(0, await CountAsync(db, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'pledge_demo_loading_%'"));
    }

    private static async Task<long> CountAsync(DemoDatabase db, string sql)
    {
        await using var connection = await db.Connector("app").OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
