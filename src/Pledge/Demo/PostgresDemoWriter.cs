using Npgsql;
using NpgsqlTypes;

namespace Pledge.Demo;

/// <summary>
/// Loads the demo into PostgreSQL, one schema per system (<c>app</c>, <c>marketing</c>, <c>hr</c>). Each table is
/// streamed through its own connection with binary COPY into a loading schema; keys, indexes and foreign keys are
/// built after the load, and one transaction then swaps the loading schemas in, so a failed load changes nothing.
/// </summary>
internal sealed class PostgresDemoWriter : DemoWriter
{
    private const string LoadingPrefix = "pledge_demo_loading_";
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _replace;
    private readonly Dictionary<DemoTable, (NpgsqlConnection Connection, NpgsqlBinaryImporter Importer)> _imports = [];
    private bool _completed;

    private PostgresDemoWriter(NpgsqlDataSource dataSource, bool replace)
    {
        _dataSource = dataSource;
        _replace = replace;
    }

    /// <summary>The demo schemas that already exist in the database.</summary>
    public static async Task<List<string>> ExistingSchemasAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        using var command = dataSource.CreateCommand("SELECT nspname FROM pg_namespace WHERE nspname = ANY($1) ORDER BY nspname");
        command.Parameters.Add(new NpgsqlParameter { Value = DemoSchema.Systems.Select(s => s.Id).ToArray() });
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = reader.ConfigureAwait(false);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public static async Task<PostgresDemoWriter> CreateAsync(NpgsqlDataSource dataSource, bool replace, CancellationToken cancellationToken)
    {
        var writer = new PostgresDemoWriter(dataSource, replace);
        try
        {
            var ddl = new List<string>();
            foreach (var (system, _) in DemoSchema.Systems)
            {
                ddl.Add($"DROP SCHEMA IF EXISTS {DemoDdl.Quote(LoadingPrefix + system)} CASCADE");
                ddl.Add($"CREATE SCHEMA {DemoDdl.Quote(LoadingPrefix + system)}");
            }

            ddl.AddRange(DemoSchema.Tables.Select(t => DemoDdl.CreateTable(t, LoadingPrefix + t.System)));
            await ExecuteAsync(dataSource, ddl, cancellationToken).ConfigureAwait(false);
            foreach (var table in DemoSchema.Tables)
            {
                var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                var columns = string.Join(", ", table.Columns.Select(c => DemoDdl.Quote(c.Name)));
                var importer = await connection.BeginBinaryImportAsync(
                    $"COPY {DemoDdl.Name(table, LoadingPrefix + table.System)} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
                writer._imports[table] = (connection, importer);
            }

            return writer;
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Writes synchronously: a row is a few dozen bytes into the importer's buffer, and an await per value would
    /// cost more than the write. The buffer is flushed to the server when full.
    /// </summary>
    public override void Add(DemoTable table, object?[] row)
    {
        var importer = _imports[table].Importer;
        importer.StartRow();
        foreach (var value in row)
        {
            switch (value)
            {
                case null:
                    importer.WriteNull();
                    break;
                case long n:
                    importer.Write(n, NpgsqlDbType.Bigint);
                    break;
                case int n:
                    importer.Write((long)n, NpgsqlDbType.Bigint);
                    break;
                case string s:
                    importer.Write(s, NpgsqlDbType.Text);
                    break;
                case DateTime t:
                    importer.Write(t, NpgsqlDbType.TimestampTz);
                    break;
                case bool b:
                    importer.Write(b, NpgsqlDbType.Boolean);
                    break;
                default:
                    throw new InvalidOperationException($"no demo column holds a {value.GetType().Name}");
            }
        }
    }

    public override async Task CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var (_, (connection, importer)) in _imports)
        {
            await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            await importer.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _imports.Clear();
        var build = new List<string> { "SET maintenance_work_mem = '256MB'" };
        build.AddRange(DemoSchema.Tables.SelectMany(t => DemoDdl.AfterLoad(t, LoadingPrefix + t.System)));
        build.AddRange(DemoSchema.Tables.Select(t => "ANALYZE " + DemoDdl.Name(t, LoadingPrefix + t.System)));
        await ExecuteAsync(_dataSource, build, cancellationToken).ConfigureAwait(false);

        var swap = new List<string> { "BEGIN" };
        foreach (var (system, _) in DemoSchema.Systems)
        {
            if (_replace)
            {
                swap.Add($"DROP SCHEMA IF EXISTS {DemoDdl.Quote(system)} CASCADE");
            }

            swap.Add($"ALTER SCHEMA {DemoDdl.Quote(LoadingPrefix + system)} RENAME TO {DemoDdl.Quote(system)}");
        }

        swap.Add("COMMIT");
        await ExecuteAsync(_dataSource, swap, cancellationToken).ConfigureAwait(false);
        _completed = true;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var (_, (connection, importer)) in _imports)
        {
            try
            {
                await importer.DisposeAsync().ConfigureAwait(false); // without Complete: the COPY is cancelled
            }
            catch (NpgsqlException)
            {
            }

            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _imports.Clear();
        if (!_completed)
        {
            try
            {
                await ExecuteAsync(_dataSource, [.. DemoSchema.Systems.Select(s => $"DROP SCHEMA IF EXISTS {DemoDdl.Quote(LoadingPrefix + s.Id)} CASCADE")], CancellationToken.None).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // Leaves only loading schemas behind; the next seed drops them first.
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, List<string> statements, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = connection.ConfigureAwait(false);
        foreach (var statement in statements)
        {
            using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
