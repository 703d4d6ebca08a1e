using System.Data.Common;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Pledge.Storage;

/// <summary>
/// Pledge's own state — the consent ledger, the audit log, and later requests and job state — in SQLite (the default:
/// a file, nothing to install) or PostgreSQL (production, shared by several instances). The one seam between Pledge's
/// engines and the database: both implementations pass the same test suite. Thread safe; open one per process and
/// share it.
/// </summary>
/// <remarks>
/// Writes go through <see cref="WriteAsync{T}"/>, a unit of work: the work's statements and its audit entries commit
/// together. On SQLite there is one writer at a time (in process a lock, across processes <c>BEGIN IMMEDIATE</c>);
/// PostgreSQL runs units of work concurrently and serialises only the audit chain's head at commit. Both commit
/// durably before the call returns (SQLite WAL with <c>synchronous=FULL</c>; PostgreSQL <c>synchronous_commit=on</c>).
/// </remarks>
public abstract class OwnStore : IAsyncDisposable
{
    private const int MaxAttempts = 4;

    private protected OwnStore(StoreLocation location, OwnStoreOptions options)
    {
        Location = location;
        Time = options.Time;
        LoggerFactory = options.LoggerFactory;
        Logger = options.LoggerFactory.CreateLogger("Pledge.Storage");
        Options = options;
    }

    /// <summary>Where the store is.</summary>
    public StoreLocation Location { get; }

    /// <summary>SQLite or PostgreSQL.</summary>
    public StoreKind Kind => Location.Kind;

    /// <summary>The clock every engine on this store uses.</summary>
    public TimeProvider Time { get; }

    /// <summary>Where engines on this store log.</summary>
    public ILoggerFactory LoggerFactory { get; }

    internal ILogger Logger { get; }

    private protected OwnStoreOptions Options { get; }

    /// <summary>
    /// Opens the store at <paramref name="location"/> and applies pending migrations. Throws
    /// <see cref="StoreException"/> when the database cannot be reached or its schema does not fit this version.
    /// </summary>
    public static async Task<OwnStore> OpenAsync(StoreLocation location, OwnStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(location);
        options ??= new OwnStoreOptions();
        OwnStore store = location.Kind == StoreKind.Postgres ? new PostgresOwnStore(location, options) : new SqliteOwnStore(location, options);
        try
        {
            await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
            await MigrationRunner.ApplyAsync(store, options.Migrate, cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> as one unit of work and commits it, with the audit entries it appended, before
    /// returning. Rolls back if the work throws. On a transient conflict (PostgreSQL serialization failure or
    /// deadlock) the work runs again, up to four times in all: keep its side effects inside the transaction. Work that
    /// calls <see cref="StoreTransaction.Discard"/> is rolled back, and its result returned.
    /// </summary>
    public async Task<T> WriteAsync<T>(Func<StoreTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            var transaction = await BeginWriteAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                try
                {
                    var result = await work(transaction, cancellationToken).ConfigureAwait(false);
                    if (!transaction.Discarded)
                    {
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        if (!transaction.SubjectChanges.IsEmpty)
                        {
                            RaiseSubjectsChanged(transaction.SubjectChanges.ToChanges());
                        }
                    }

                    return result;
                }
                catch (PostgresException e) when (attempt < MaxAttempts && e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected)
                {
                    StoreLog.WriteRetried(Logger, Kind, e.SqlState, attempt + 1);
                }
            }
        }
    }

    /// <summary>As <see cref="WriteAsync{T}"/>, for work without a result.</summary>
    public Task WriteAsync(Func<StoreTransaction, CancellationToken, Task> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return WriteAsync<bool>(async (transaction, ct) =>
        {
            await work(transaction, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> on a connection for reading; on SQLite it reads beside the writer (WAL).</summary>
    public async Task<T> ReadAsync<T>(Func<StoreSession, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await work(new ReadSession(this, connection, null), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a read-only transaction: every statement sees the same committed state, whatever
    /// commits meanwhile. For reads that must agree with each other (verifying the audit chain against its head).
    /// </summary>
    public async Task<T> ReadSnapshotAsync<T>(Func<StoreSession, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var connection = await OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await BeginSnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                return await work(new ReadSession(this, connection, transaction), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Calls <paramref name="listener"/> after each unit of work of this process that changed consent subjects has
    /// committed, before <see cref="WriteAsync{T}"/> returns to its caller; other processes' changes arrive through the
    /// <c>subject_changes</c> feed (<see cref="SubjectChangeFeed"/>). Dispose the result to stop. The listener must be
    /// quick and must not throw.
    /// </summary>
    public IDisposable OnSubjectsChanged(Action<SubjectChanges> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        lock (_listenerLock)
        {
            _listeners = [.. _listeners, listener];
        }

        return new Subscription(this, listener);
    }

    private void RaiseSubjectsChanged(SubjectChanges changes)
    {
        foreach (var listener in _listeners)
        {
            listener(changes);
        }
    }

    /// <summary>Closes the store's connections.</summary>
    public abstract ValueTask DisposeAsync();

    private protected abstract Task InitializeAsync(CancellationToken cancellationToken);

    private protected abstract Task<StoreTransaction> BeginWriteAsync(CancellationToken cancellationToken);

    private protected abstract Task<DbConnection> OpenReadConnectionAsync(CancellationToken cancellationToken);

    private protected abstract ValueTask<DbTransaction> BeginSnapshotAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts <paramref name="batch"/>, appending <paramref name="suffix"/> (ON CONFLICT, RETURNING) to the statement;
    /// inserts <paramref name="before"/> first and runs <paramref name="after"/> (no rows returned) last. On PostgreSQL
    /// the three travel in one round trip.
    /// </summary>
    internal abstract Task InsertAsync(StoreTransaction transaction, RowBatch batch, string? suffix, Action<ReturnedRow>? onRow,
        RowBatch? before, DbCommand? after, CancellationToken cancellationToken);

    /// <summary>
    /// How many group commits may be in flight at once: one where a single writer holds the database (SQLite), more
    /// where units of work run concurrently and the next batch can be written while the previous one is flushed.
    /// </summary>
    internal virtual int GroupCommitWriters => 1;

    /// <summary>SQL that reads the audit chain's head and, where writers run concurrently, locks it to the end of the transaction.</summary>
    internal abstract string LockAuditHeadSql { get; }

    private readonly Lock _listenerLock = new();
    private Action<SubjectChanges>[] _listeners = [];

    private sealed class Subscription(OwnStore store, Action<SubjectChanges> listener) : IDisposable
    {
        public void Dispose()
        {
            lock (store._listenerLock)
            {
                store._listeners = [.. store._listeners.Where(l => l != listener)];
            }
        }
    }

    private sealed class ReadSession(OwnStore store, DbConnection connection, DbTransaction? transaction) : StoreSession(store, connection, transaction);
}
