using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Pledge.Policy.Model;

namespace Pledge.Connectors;

/// <summary>
/// A system kept in a SQLite file. Connections come from Microsoft.Data.Sqlite's pool; the file is opened
/// read-write but never created (a missing file is a configuration error, not an empty database).
/// </summary>
public sealed class SqliteConnector : Connector
{
    private readonly string _connectionString;

    internal SqliteConnector(DataSystem system, string connectionString)
        : base(system, SqlDialect.Sqlite) => _connectionString = connectionString;

    /// <inheritdoc />
    public override async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private protected override async Task<DatabaseSchema> ReadSchemaCoreAsync(IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = connection.ConfigureAwait(false);
        var found = new List<TableSchema>();
        foreach (var name in tables)
        {
            var (schema, table) = SqlDialect.SplitTable(name);
            var columns = ImmutableArray.CreateBuilder<ColumnSchema>();
            var primaryKey = new List<(string Name, string Type)>();
            using (var command = connection.CreateCommand())
            {
                // Table-valued pragma functions take the table and schema as parameters: no name is spliced into SQL.
                command.CommandText = "SELECT name, type, pk FROM pragma_table_info($table, $schema) ORDER BY cid";
                command.Parameters.AddWithValue("$table", table);
                command.Parameters.AddWithValue("$schema", schema ?? "main");
                var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var __ = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var type = reader.GetString(1);
                    columns.Add(new ColumnSchema(reader.GetString(0), type, KindOf(type)));
                    if (reader.GetInt64(2) > 0)
                    {
                        primaryKey.Add((reader.GetString(0), type));
                    }
                }
            }

            if (columns.Count == 0)
            {
                continue;
            }

            var indexes = ImmutableArray.CreateBuilder<ImmutableArray<string?>>();
            if (primaryKey is [{ Type: var pkType } pk] && pkType.Equals("INTEGER", StringComparison.OrdinalIgnoreCase))
            {
                indexes.Add([pk.Name]); // INTEGER PRIMARY KEY is the rowid: the table itself is ordered by it.
            }

            foreach (var index in await IndexNamesAsync(connection, table, schema, cancellationToken).ConfigureAwait(false))
            {
                indexes.Add(await IndexColumnsAsync(connection, index, schema, cancellationToken).ConfigureAwait(false));
            }

            found.Add(new TableSchema(name, columns.ToImmutable(), indexes.ToImmutable()));
        }

        return new DatabaseSchema(found);
    }

    private static async Task<List<string>> IndexNamesAsync(SqliteConnection connection, string table, string? schema, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_index_list($table, $schema) WHERE partial = 0";
        command.Parameters.AddWithValue("$table", table);
        command.Parameters.AddWithValue("$schema", schema ?? "main");
        var names = new List<string>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<ImmutableArray<string?>> IndexColumnsAsync(SqliteConnection connection, string index, string? schema, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_index_info($index, $schema) ORDER BY seqno";
        command.Parameters.AddWithValue("$index", index);
        command.Parameters.AddWithValue("$schema", schema ?? "main");
        var columns = ImmutableArray.CreateBuilder<string?>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns.Add(reader.IsDBNull(0) ? null : reader.GetString(0));
        }

        return columns.ToImmutable();
    }

    /// <summary>SQLite's affinity rule: a declared type containing INT has integer affinity.</summary>
    private static ColumnKind KindOf(string declared) =>
        declared.Contains("INT", StringComparison.OrdinalIgnoreCase) ? ColumnKind.Integer : ColumnKind.Text;

    internal override async Task ReadAsync(IReadOnlyList<SqlQuery> queries, Action<int, DbDataReader> onRow, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = connection.ConfigureAwait(false);
        for (var q = 0; q < queries.Count; q++)
        {
            using var command = connection.CreateCommand();
            command.CommandText = queries[q].Text;
            for (var i = 0; i < queries[q].Parameters.Count; i++)
            {
                command.Parameters.AddWithValue("$p" + i.ToString(CultureInfo.InvariantCulture), queries[q].Parameters[i]);
            }

            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var __ = reader.ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                onRow(q, reader);
            }
        }
    }

    /// <summary>Closes the pooled connections, so the file is no longer held open.</summary>
    public override ValueTask DisposeAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
