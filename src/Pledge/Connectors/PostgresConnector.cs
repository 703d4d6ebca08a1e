using System.Collections.Immutable;
using System.Data.Common;
using Npgsql;
using Pledge.Policy.Model;

namespace Pledge.Connectors;

/// <summary>
/// A system kept in PostgreSQL, reached through one long-lived <see cref="NpgsqlDataSource"/> (its pool).
/// Unqualified table names resolve through the connection's search path (<c>Search Path=app</c> in the
/// connection string puts a system in its own schema).
/// </summary>
public sealed class PostgresConnector : Connector
{
    private const string ColumnsSql = """
        SELECT n.name, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod)
        FROM unnest($1::text[], $2::text[]) AS n(name, qualified)
        JOIN pg_attribute a ON a.attrelid = to_regclass(n.qualified) AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY n.name, a.attnum
        """;

    private const string IndexesSql = """
        SELECT n.name, i.indkey::int2[]
        FROM unnest($1::text[], $2::text[]) AS n(name, qualified)
        JOIN pg_index i ON i.indrelid = to_regclass(n.qualified)
        WHERE i.indpred IS NULL AND i.indisvalid
        """;

    private readonly NpgsqlDataSource _dataSource;

    internal PostgresConnector(DataSystem system, NpgsqlDataSource dataSource)
        : base(system, SqlDialect.Postgres) => _dataSource = dataSource;

    /// <inheritdoc />
    public override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default) =>
        await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    private protected override async Task<DatabaseSchema> ReadSchemaCoreAsync(IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        var names = tables.ToArray();
        var qualified = names.Select(SqlDialect.QuoteTable).ToArray();
        var columns = new Dictionary<string, List<(short Number, ColumnSchema Column)>>(StringComparer.Ordinal);
        var indexes = new Dictionary<string, List<short[]>>(StringComparer.Ordinal);
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = connection.ConfigureAwait(false);
        using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(ColumnsSql) { Parameters = { new() { Value = names }, new() { Value = qualified } } },
                new NpgsqlBatchCommand(IndexesSql) { Parameters = { new() { Value = names }, new() { Value = qualified } } },
            },
        };
        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var __ = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var type = reader.GetString(3);
            var list = columns.TryGetValue(reader.GetString(0), out var l) ? l : columns[reader.GetString(0)] = [];
            list.Add((reader.GetInt16(1), new ColumnSchema(reader.GetString(2), type, KindOf(type))));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var list = indexes.TryGetValue(reader.GetString(0), out var l) ? l : indexes[reader.GetString(0)] = [];
            list.Add(reader.GetFieldValue<short[]>(1));
        }

        return new DatabaseSchema(columns.Select(t =>
        {
            var byNumber = t.Value.ToDictionary(c => c.Number, c => c.Column.Name);
            var tableIndexes = indexes.GetValueOrDefault(t.Key) ?? [];
            return new TableSchema(
                t.Key,
                [.. t.Value.Select(c => c.Column)],
                [.. tableIndexes.Select(keys => keys.Select(k => byNumber.GetValueOrDefault(k)).ToImmutableArray())]);
        }));
    }

    private static ColumnKind KindOf(string type) => type switch
    {
        "bigint" or "integer" or "smallint" => ColumnKind.Integer,
        "uuid" => ColumnKind.Uuid,
        _ => ColumnKind.Text,
    };

    internal override async Task ReadAsync(IReadOnlyList<SqlQuery> queries, Action<int, DbDataReader> onRow, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = connection.ConfigureAwait(false);
        using var batch = new NpgsqlBatch(connection);
        foreach (var query in queries)
        {
            var command = new NpgsqlBatchCommand(query.Text);
            foreach (var value in query.Parameters)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            batch.BatchCommands.Add(command);
        }

        var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var __ = reader.ConfigureAwait(false);
        var q = 0;
        do
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                onRow(q, reader);
            }

            q++;
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
