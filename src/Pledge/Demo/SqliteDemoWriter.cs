using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Pledge.Demo;

/// <summary>
/// Loads the demo into one SQLite file per system: one transaction per file with a prepared INSERT per table,
/// written to <c>NAME.db.partial</c> and renamed over <c>NAME.db</c> only when complete.
/// </summary>
internal sealed class SqliteDemoWriter : DemoWriter
{
    private readonly Dictionary<string, (SqliteConnection Connection, SqliteTransaction Transaction, string Partial, string Final)> _systems = new(StringComparer.Ordinal);
    private readonly Dictionary<DemoTable, SqliteCommand> _inserts = [];
    private bool _completed;

    private SqliteDemoWriter()
    {
    }

    public static string FileOf(string folder, string system) => Path.Combine(folder, system + ".db");

    public static async Task<SqliteDemoWriter> CreateAsync(string folder, CancellationToken cancellationToken)
    {
        var writer = new SqliteDemoWriter();
        try
        {
            Directory.CreateDirectory(folder);
            foreach (var (system, _) in DemoSchema.Systems)
            {
                var final = FileOf(folder, system);
                var partial = final + ".partial";
                File.Delete(partial);
                var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ConnectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                // A file that is renamed into place only when complete needs no journal while it is written.
                Execute(connection, null, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF");
                var transaction = connection.BeginTransaction();
                writer._systems[system] = (connection, transaction, partial, final);
                foreach (var table in DemoSchema.Tables.Where(t => t.System == system))
                {
                    Execute(connection, transaction, DemoDdl.CreateTable(table, schema: null));
                    writer._inserts[table] = Prepare(connection, transaction, table);
                }
            }

            return writer;
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, DemoTable table)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var names = table.Columns.Select((c, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        command.CommandText = $"INSERT INTO {DemoDdl.Name(table, schema: null)} ({string.Join(", ", table.Columns.Select(c => DemoDdl.Quote(c.Name)))}) VALUES ({string.Join(", ", names)})";
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    public override void Add(DemoTable table, object?[] row)
    {
        var command = _inserts[table];
        for (var i = 0; i < row.Length; i++)
        {
            command.Parameters[i].Value = row[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    public override Task CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var command in _inserts.Values)
        {
            command.Dispose();
        }

        _inserts.Clear();
        foreach (var (system, (connection, transaction, _, _)) in _systems)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var table in DemoSchema.Tables.Where(t => t.System == system))
            {
                foreach (var statement in DemoDdl.AfterLoad(table, schema: null))
                {
                    Execute(connection, transaction, statement);
                }
            }

            transaction.Commit();
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA foreign_key_check";
            using (var reader = check.ExecuteReader())
            {
                if (reader.Read())
                {
                    throw new InvalidOperationException($"demo data of system '{system}' breaks a foreign key in table '{reader.GetString(0)}'");
                }
            }

            Execute(connection, null, "ANALYZE");
        }

        foreach (var (_, (connection, _, partial, final)) in _systems)
        {
            connection.Close();
            File.Move(partial, final, overwrite: true);
        }

        _completed = true;
        return Task.CompletedTask;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var command in _inserts.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var (_, (connection, transaction, partial, _)) in _systems)
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
            if (!_completed)
            {
                File.Delete(partial);
            }
        }

        _systems.Clear();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
