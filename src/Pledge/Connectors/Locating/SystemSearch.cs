using System.Globalization;
using System.Text;
using Pledge.Connectors.Graph;

namespace Pledge.Connectors.Locating;

/// <summary>One search of one system: walks the plan step by step, keeping the rows found per table.</summary>
internal sealed class SystemSearch(SystemPlan plan, Connector connector, LocateMode mode, Action<string, SqlQuery>? observer)
{
    private readonly Dictionary<string, FoundRows> _found = new(StringComparer.Ordinal);

    public async Task<List<LocatedTable>> RunAsync(IReadOnlyDictionary<string, List<string>> identifiers, CancellationToken cancellationToken)
    {
        var schema = await connector.ReadSchemaAsync(cancellationToken).ConfigureAwait(false);
        foreach (var table in plan.Tables)
        {
            var columns = mode == LocateMode.Values ? table.Columns : table.KeyColumns;
            _found[table.Name] = new FoundRows(table, columns);
        }

        foreach (var step in plan.Components.GroupBy(c => c.Step).OrderBy(g => g.Key))
        {
            // Tables of one step depend only on finished steps: read them together, then settle any cycles.
            var queries = new List<(FoundRows Table, SqlQuery Query)>();
            foreach (var table in step.Where(c => !c.IsCycle).SelectMany(c => c.Tables))
            {
                queries.AddRange(Queries(table, Predicates(table, schema, identifiers, fromCycle: null)));
            }

            await ReadAsync(queries, cancellationToken).ConfigureAwait(false);
            foreach (var cycle in step.Where(c => c.IsCycle))
            {
                await SettleCycleAsync(cycle, schema, identifiers, cancellationToken).ConfigureAwait(false);
            }
        }

        return [.. plan.System.Tables.Select(t => _found.GetValueOrDefault(t.Name)).OfType<FoundRows>().Where(f => f.Count > 0).Select(f => f.ToLocated(plan.System.Id))];
    }

    /// <summary>Rounds over a cycle: the first with identifiers and finished parents, the next with only the keys the last round found.</summary>
    private async Task SettleCycleAsync(PlanComponent cycle, DatabaseSchema schema, IReadOnlyDictionary<string, List<string>> identifiers, CancellationToken cancellationToken)
    {
        var members = cycle.Tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        IReadOnlySet<string>? fromCycle = null;
        while (true)
        {
            foreach (var name in members)
            {
                _found[name].StartRound();
            }

            var queries = new List<(FoundRows Table, SqlQuery Query)>();
            foreach (var table in cycle.Tables)
            {
                queries.AddRange(Queries(table, Predicates(table, schema, identifiers, fromCycle)));
            }

            if (queries.Count == 0)
            {
                return;
            }

            await ReadAsync(queries, cancellationToken).ConfigureAwait(false);
            fromCycle = members;
        }
    }

    /// <summary>
    /// The key lists that select a table's rows: identifiers for its identity columns and, per reference, the
    /// parent's values. Within a cycle after the first round, only references inside the cycle, with the new values.
    /// </summary>
    private List<(string Column, List<object> Keys)> Predicates(
        TablePlan table, DatabaseSchema schema, IReadOnlyDictionary<string, List<string>> identifiers, IReadOnlySet<string>? fromCycle)
    {
        var predicates = new List<(string, List<object>)>();
        var tableSchema = schema.Table(table.Name)
            ?? throw new InvalidOperationException($"table '{table.Name}' of system '{plan.System.Id}' does not exist in its database; run 'pledge check --connect'");
        if (fromCycle is null)
        {
            foreach (var identity in table.Table.Identity)
            {
                if (identifiers.TryGetValue(identity.Identifier, out var values))
                {
                    var column = tableSchema.Column(identity.Column)
                        ?? throw new InvalidOperationException($"column '{table.Name}.{identity.Column}' of system '{plan.System.Id}' does not exist in its database; run 'pledge check --connect'");
                    var keys = values.Select(v => Coerce(v, column.Kind)).OfType<object>().ToList();
                    if (keys.Count > 0)
                    {
                        predicates.Add((identity.Column, keys));
                    }
                }
            }
        }

        foreach (var edge in table.Parents)
        {
            var parent = _found[edge.ParentTable];
            var keys = fromCycle is null ? parent.Values(edge.ParentColumn) : fromCycle.Contains(edge.ParentTable) ? parent.NewValues(edge.ParentColumn) : [];
            if (keys.Count > 0)
            {
                predicates.Add((edge.ChildColumn, keys));
            }
        }

        return predicates;
    }

    /// <summary>An identifier typed as text, as the column compares it; null when it cannot be a value of the column.</summary>
    private static object? Coerce(string value, ColumnKind kind) => kind switch
    {
        ColumnKind.Integer => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null,
        ColumnKind.Uuid => Guid.TryParse(value, out var g) ? g : null,
        _ => value,
    };

    /// <summary>
    /// <c>SELECT cols FROM t WHERE a = ANY($1) OR b = ANY($2)</c>, split so that no statement carries more than the
    /// dialect's key limit.
    /// </summary>
    private IEnumerable<(FoundRows, SqlQuery)> Queries(TablePlan table, List<(string Column, List<object> Keys)> predicates)
    {
        if (predicates.Count == 0)
        {
            yield break;
        }

        var found = _found[table.Name];
        var dialect = connector.Dialect;
        var select = $"SELECT {string.Join(", ", found.Columns.Select(SqlDialect.QuoteIdentifier))} FROM {SqlDialect.QuoteTable(table.Name)} WHERE ";
        var pieces = predicates.SelectMany(p => p.Keys.Chunk(dialect.MaxKeysPerQuery).Select(chunk => (p.Column, Keys: (IReadOnlyList<object>)chunk)));
        var sql = new StringBuilder();
        var parameters = new List<object>();
        var keysInQuery = 0;
        foreach (var (column, keys) in pieces)
        {
            if (keysInQuery > 0 && keysInQuery + keys.Count > dialect.MaxKeysPerQuery)
            {
                yield return (found, new SqlQuery(sql.ToString(), parameters));
                sql.Clear();
                parameters = [];
                keysInQuery = 0;
            }

            sql.Append(keysInQuery == 0 ? select : " OR ");
            dialect.AppendKeyMatch(sql, parameters, column, keys);
            keysInQuery += keys.Count;
        }

        yield return (found, new SqlQuery(sql.ToString(), parameters));
    }

    private Task ReadAsync(List<(FoundRows Table, SqlQuery Query)> queries, CancellationToken cancellationToken)
    {
        if (queries.Count == 0)
        {
            return Task.CompletedTask;
        }

        foreach (var (_, query) in queries)
        {
            observer?.Invoke(plan.System.Id, query);
        }

        return connector.ReadAsync([.. queries.Select(q => q.Query)], (index, reader) => queries[index].Table.Add(reader), cancellationToken);
    }
}
