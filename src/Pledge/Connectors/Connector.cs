using System.Data.Common;
using Pledge.Policy.Model;

namespace Pledge.Connectors;

/// <summary>
/// The way into one system of the data map: a database reached through its driver. The seam between the engines
/// and the databases, with one implementation per <see cref="ConnectorKind"/>. Thread-safe; open one per system with
/// <see cref="ConnectorFactory"/> and keep it for the life of the process (it owns a connection pool).
/// </summary>
public abstract class Connector : IAsyncDisposable
{
    private Task<DatabaseSchema>? _schema;

    private protected Connector(DataSystem system, SqlDialect dialect)
    {
        System = system;
        Dialect = dialect;
    }

    /// <summary>The system of the data map this connector reaches.</summary>
    public DataSystem System { get; }

    /// <summary>How the database spells identifiers, parameters and key lists.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>Opens a connection from the pool. The caller disposes it.</summary>
    public abstract Task<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The columns and indexes of the tables the data map names, read from the database's catalogue once and then
    /// kept (a failed read is retried on the next call). Throws <see cref="DbException"/> when the database cannot be reached.
    /// </summary>
    public Task<DatabaseSchema> ReadSchemaAsync(CancellationToken cancellationToken = default)
    {
        var current = _schema;
        if (current is null || current.IsFaulted || current.IsCanceled)
        {
            current = ReadSchemaCoreAsync(System.Tables.Select(t => t.Name).ToList(), cancellationToken);
            _schema = current;
        }

        return current;
    }

    /// <summary>Reads the catalogue entries of <paramref name="tables"/>.</summary>
    private protected abstract Task<DatabaseSchema> ReadSchemaCoreAsync(IReadOnlyList<string> tables, CancellationToken cancellationToken);

    /// <summary>
    /// Runs read-only <paramref name="queries"/> and hands each row to <paramref name="onRow"/> with the index of
    /// its query. PostgreSQL sends them in one round trip (a batch); SQLite runs them one after another.
    /// </summary>
    internal abstract Task ReadAsync(IReadOnlyList<SqlQuery> queries, Action<int, DbDataReader> onRow, CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();
}

/// <summary>One statement with its parameter values, in the dialect's placeholders.</summary>
internal sealed record SqlQuery(string Text, IReadOnlyList<object> Parameters);
