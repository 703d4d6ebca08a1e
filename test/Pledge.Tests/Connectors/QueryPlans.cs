using Microsoft.Data.Sqlite;
using Pledge.Connectors;
using Pledge.Connectors.Graph;
using Pledge.Connectors.Locating;

namespace Pledge.Tests.Connectors;

/// <summary>
/// Runs a search, keeps the statements it ran, and asks the database how it would run each if the tables were
/// large. The test databases are small, and on a few hundred rows a planner rightly prefers reading the whole
/// table; what must hold is that an index serves every statement once that stops being cheaper. PostgreSQL is
/// told so with <c>enable_seqscan = off</c> (a scan is still chosen when no index fits); SQLite plans without its
/// ANALYZE statistics, so it assumes large tables.
/// </summary>
internal static class QueryPlans
{
    public static async Task<List<(string Sql, string Plan)>> ExplainAsync(DemoDatabase db, SubjectIdentifier[] identifiers)
    {
        var queries = new List<(string System, SqlQuery Query)>();
        var locator = new SubjectLocator(SubjectGraphPlan.Build(db.Policy), db.Connectors)
        {
            QueryObserver = (system, query) =>
            {
                lock (queries)
                {
                    queries.Add((system, query));
                }
            },
        };
        await locator.FindAsync(identifiers);
        var plans = new List<(string, string)>();
        foreach (var (system, query) in queries)
        {
            var connector = db.Connector(system);
            var postgres = connector.Dialect == SqlDialect.Postgres;
            if (!postgres)
            {
                await ForgetStatisticsAsync(connector);
            }

            var plan = new List<string>();
            SqlQuery[] batch = postgres
                ? [new("SET enable_seqscan = off", []), new("EXPLAIN " + query.Text, query.Parameters), new("RESET enable_seqscan", [])]
                : [new("EXPLAIN QUERY PLAN " + query.Text, query.Parameters)];
            await connector.ReadAsync(batch, (_, reader) => plan.Add(reader.GetString(postgres ? 0 : 3)), CancellationToken.None);
            plans.Add((query.Text, string.Join('\n', plan)));
        }

        return plans;
    }

    private static async Task ForgetStatisticsAsync(Connector connector)
    {
        await using (var connection = await connector.OpenConnectionAsync())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE IF EXISTS sqlite_stat1";
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools(); // statistics are read when a connection loads the schema
    }
}
