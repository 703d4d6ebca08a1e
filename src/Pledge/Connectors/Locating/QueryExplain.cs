using System.Text;

namespace Pledge.Connectors.Locating;

/// <summary>The database's plan for a statement the search ran: evidence that each step is an index lookup.</summary>
internal static class QueryExplain
{
    /// <summary>
    /// PostgreSQL: <c>EXPLAIN (ANALYZE, BUFFERS)</c>, so the statement runs and the plan shows real row counts and
    /// pages read; SQLite: <c>EXPLAIN QUERY PLAN</c>. Read-only statements only.
    /// </summary>
    public static async Task<string> ExplainAsync(Connector connector, SqlQuery query, CancellationToken cancellationToken = default)
    {
        var postgres = connector.Dialect.UsesArrays;
        var explain = new SqlQuery((postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + query.Text, query.Parameters);
        var plan = new StringBuilder();
        await connector.ReadAsync([explain], (_, reader) => plan.AppendLine(reader.GetString(postgres ? 0 : 3)), cancellationToken).ConfigureAwait(false);
        return plan.ToString();
    }
}
