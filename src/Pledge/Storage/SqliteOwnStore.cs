using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

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

    internal override async Task InsertAsync(StoreTransaction transaction, RowBatch batch, string? suffix, Action<ReturnedRow>? onRow,
        RowBatch? before, DbCommand? after, CancellationToken cancellationToken)
    {
        if (before is not null)
        {
            Insert(transaction, before, null, null, cancellationToken);
        }

        Insert(transaction, batch, suffix, onRow, cancellationToken);
        if (after is not null)
        {
            await after.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Insert(StoreTransaction transaction, RowBatch batch, string? suffix, Action<ReturnedRow>? onRow, CancellationToken cancellationToken)
    {
        // SQLite runs in process, so the cost of an insert is in the layers around each statement. Measured on the ledger's
        // append path: ADO.NET's per-execution parameter binding (by name, searched linearly) cost more than SQLite itself.
        // So: the raw statement API, parameters bound by position, 64 rows per statement, one prepared statement per size.
        cancellationToken.ThrowIfCancellationRequested();
        if (batch.Count == 0)
        {
            return;
        }

        var db = ((SqliteConnection)transaction.Connection).Handle!;
        var perStatement = Math.Min(RowsPerStatement, MaxParameters / batch.Columns.Count);
        var full = batch.Count / perStatement;
        var rest = batch.Count - (full * perStatement);
        if (full > 0)
        {
            Run(db, batch, perStatement, 0, full, suffix, onRow);
        }

        if (rest > 0)
        {
            Run(db, batch, rest, full * perStatement, 1, suffix, onRow);
        }
    }

    private const int RowsPerStatement = 64;

    private const int MaxParameters = 32_000;

    private static void Run(sqlite3 db, RowBatch batch, int rowsPerStatement, int first, int statements, string? suffix, Action<ReturnedRow>? onRow)
    {
        var columns = batch.Columns.Count;
        var sql = new System.Text.StringBuilder($"INSERT INTO {batch.Table} ({string.Join(", ", batch.Columns.Select(c => c.Name))}) VALUES ");
        for (var row = 0; row < rowsPerStatement; row++)
        {
            sql.Append(row == 0 ? "(" : ", (").Append(string.Join(", ", Enumerable.Repeat("?", columns))).Append(')');
        }

        sql.Append(' ').Append(suffix);
        Check(db, raw.sqlite3_prepare_v2(db, sql.ToString(), out var statement));
        try
        {
            var returned = onRow is null ? null : new ReturnedRow.FromStatement(statement);
            for (var s = 0; s < statements; s++)
            {
                var start = first + (s * rowsPerStatement);
                for (var row = 0; row < rowsPerStatement; row++)
                {
                    for (var column = 0; column < columns; column++)
                    {
                        Check(db, batch.Columns[column].Bind(statement, (row * columns) + column + 1, start + row));
                    }
                }

                int rc;
                while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
                {
                    onRow?.Invoke(returned!);
                }

                if (rc != raw.SQLITE_DONE)
                {
                    Check(db, rc);
                }

                raw.sqlite3_reset(statement);
            }
        }
        finally
        {
            statement.Dispose();
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));
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
