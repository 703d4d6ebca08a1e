using System.Data.Common;
using Pledge.Audit;

namespace Pledge.Storage;

/// <summary>
/// One unit of work on the own store: every statement of the work and the audit entries it appends commit together or
/// not at all. Handed to the work of <see cref="OwnStore.WriteAsync{T}"/>; valid only during that call.
/// </summary>
/// <remarks>
/// Audit entries are buffered and chained at commit: the chain's head is locked only for the last moment of the
/// transaction (on PostgreSQL with <c>SELECT ... FOR UPDATE</c>), so units of work that lock their own rows first
/// cannot deadlock on it.
/// </remarks>
public sealed class StoreTransaction : StoreSession, IAsyncDisposable
{
    private readonly List<AuditRecord> _audit = [];
    private readonly Func<ValueTask> _release;
    private bool _committed;

    internal StoreTransaction(OwnStore store, DbConnection connection, DbTransaction transaction, Func<ValueTask> release)
        : base(store, connection, transaction) => _release = release;

    /// <summary>Appends <paramref name="entry"/> to the audit log when, and only if, this unit of work commits.</summary>
    public void Audit(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _audit.Add(new AuditRecord(StoreTime.ToMicros(Store.Time.GetUtcNow()), entry));
    }

    /// <summary>The consent subjects this unit of work changed, written to the change feed when it commits.</summary>
    internal SubjectChangeSet SubjectChanges { get; } = new();

    /// <summary>Roll back instead of committing when the work returns: for work that finds, part way, that it must change nothing.</summary>
    public void Discard() => Discarded = true;

    /// <summary>Whether <see cref="Discard"/> was called.</summary>
    public bool Discarded { get; private set; }

    /// <summary>How many audit entries this unit of work has appended so far.</summary>
    public int AuditCount => _audit.Count;

    /// <summary>
    /// Writes the audit entries buffered so far now instead of at commit, to bound memory in a long unit of work (an
    /// import of a million rows). From then on, on PostgreSQL, the audit head stays locked until this unit of work ends.
    /// </summary>
    public async Task FlushAuditAsync(CancellationToken cancellationToken = default)
    {
        if (_audit.Count > 0)
        {
            await AuditWriter.WriteAsync(this, _audit, cancellationToken).ConfigureAwait(false);
            _audit.Clear();
        }
    }

    internal Task InsertAsync(RowBatch batch, string? suffix, Action<ReturnedRow>? onRow, CancellationToken cancellationToken) =>
        Store.InsertAsync(this, batch, suffix, onRow, null, null, cancellationToken);

    /// <summary>As <see cref="InsertAsync(RowBatch, string?, Action{ReturnedRow}?, CancellationToken)"/>, with rows inserted before and a statement run after, in the same round trip on PostgreSQL.</summary>
    internal Task InsertAsync(RowBatch batch, string? suffix, Action<ReturnedRow>? onRow, RowBatch? before, DbCommand? after, CancellationToken cancellationToken) =>
        Store.InsertAsync(this, batch, suffix, onRow, before, after, cancellationToken);

    internal async Task CommitAsync(CancellationToken cancellationToken)
    {
        // Before the audit entries: their write locks the chain's head until commit, and this row need not wait in that window.
        if (!SubjectChanges.IsEmpty)
        {
            await SubjectChanges.WriteAsync(this, cancellationToken).ConfigureAwait(false);
        }

        if (_audit.Count > 0)
        {
            await AuditWriter.WriteAsync(this, _audit, cancellationToken).ConfigureAwait(false);
        }

        await Transaction!.CommitAsync(cancellationToken).ConfigureAwait(false);
        _committed = true;
    }

    /// <summary>Rolls back unless committed, and gives the connection back.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_committed)
            {
                try
                {
                    await Transaction!.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e) when (e is DbException or InvalidOperationException)
                {
                    // The connection broke or the server already aborted the transaction: nothing is left to undo.
                }
            }

            await Transaction!.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await _release().ConfigureAwait(false);
        }
    }
}

/// <summary>An audit entry with the time it was appended, waiting for its transaction to commit.</summary>
internal readonly record struct AuditRecord(long At, AuditEntry Entry);
