using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Pledge.Storage;

/// <summary>
/// The own store in a SQLite file, in WAL mode with <c>synchronous=FULL</c>: a commit is on disk when it returns.
/// One long-lived connection writes (its prepared statements stay warm); readers open pooled connections beside it.
/// </summary>
internal sealed class SqliteOwnStore : OwnStore
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly string _connectionString;
    private SqliteConnection? _writeConnection;

    public SqliteOwnStore(StoreLocation location, OwnStoreOptions options)
        : base(location, options)
    {
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = location.Target,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    internal override string LockAuditHeadSql => "SELECT seq, hash FROM audit_head WHERE id = 1";

    private protected override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(Location.Target));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            _writeConnection = new SqliteConnection(_connectionString);
            await _writeConnection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var pragmas = _writeConnection.CreateCommand();
            // WAL: readers never block the writer; FULL: the WAL is synced at every commit, so an acknowledged write survives power loss.
            pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StoreException(StoreErrorKind.Unavailable, $"cannot open the SQLite store {Location.Target}: {e.Message}", e);
        }
    }

    private protected override async Task<StoreTransaction> BeginWriteAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = _writeConnection ?? throw new ObjectDisposedException(nameof(SqliteOwnStore));
            // BEGIN IMMEDIATE: take the file's write lock now, so another process's writer waits (busy_timeout) instead of failing later.
            var transaction = connection.BeginTransaction(deferred: false);
            return new StoreTransaction(this, connection, transaction, () =>
            {
                _writer.Release();
                return ValueTask.CompletedTask;
            });
        }
        catch
        {
            _writer.Release();
            throw;
        }
    }

    private protected override async Task<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    // Deferred: a read transaction on a WAL database takes no lock that blocks the writer.
    private protected override ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: true));

    internal override async Task InsertAsync(StoreTransaction transaction, RowBatch batch, string? suffix, Action<DbDataReader>? onRow, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        // One prepared statement, re-bound per row: in process, a row costs a few microseconds and no round trip.
        var names = string.Join(", ", batch.Columns.Select(c => c.Name));
        var values = string.Join(", ", batch.Columns.Select((_, i) => "@c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var command = transaction.Command($"INSERT INTO {batch.Table} ({names}) VALUES ({values}) {suffix}");
        var parameters = new DbParameter[batch.Columns.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "@c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.Parameters.Add(parameters[i]);
        }

        command.Prepare();
        for (var row = 0; row < batch.Count; row++)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                batch.Columns[i].Bind(parameters[i], row);
            }

            if (onRow is null)
            {
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                onRow(reader);
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_writeConnection is not null)
        {
            await _writer.WaitAsync().ConfigureAwait(false);
            await _writeConnection.DisposeAsync().ConfigureAwait(false);
            _writeConnection = null;
            _writer.Release();
        }

        // Close pooled readers too, so the file (and its -wal/-shm) can be moved or deleted after disposal.
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }
}
