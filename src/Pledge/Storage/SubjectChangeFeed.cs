using System.Globalization;

namespace Pledge.Storage;

/// <summary>
/// Reads the <c>subject_changes</c> feed: what units of work in any process changed about consent subjects since the
/// last read, so that a process keeping subjects' states in memory can drop the ones that changed. Misses no commit:
/// on SQLite rows are read after the last sequence seen (one writer at a time, so sequence order is commit order); on
/// PostgreSQL after the oldest transaction that was still running at the last read, so a transaction that commits
/// late is read late, never lost. Not thread safe: one reader per feed.
/// </summary>
public sealed class SubjectChangeFeed(OwnStore store)
{
    /// <summary>Feed rows older than this are pruned; a reader that has not read for that long must assume everything changed.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private readonly OwnStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly HashSet<ulong> _delivered = [];
    private ulong _watermark;
    private bool _started;

    /// <summary>Starts reading at the present: changes committed before this call are not reported.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default) =>
        _store.ReadAsync(async (session, ct) =>
        {
            using var command = session.Command(session.Kind == StoreKind.Postgres
                ? "SELECT pg_snapshot_xmin(pg_current_snapshot())::text"
                : "SELECT coalesce(max(seq), 0) FROM subject_changes");
            var value = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
            _watermark = Convert.ToUInt64(value, CultureInfo.InvariantCulture);
            _delivered.Clear();
            _started = true;
            return true;
        }, cancellationToken);

    /// <summary>
    /// The changes committed since the last read, merged into one, or null when there were none. Throws
    /// <see cref="InvalidOperationException"/> before <see cref="StartAsync"/>.
    /// </summary>
    public Task<SubjectChanges?> ReadAsync(CancellationToken cancellationToken = default)
    {
        if (!_started)
        {
            throw new InvalidOperationException("start the feed before reading it");
        }

        return _store.ReadAsync((session, ct) => session.Kind == StoreKind.Postgres ? ReadPostgresAsync(session, ct) : ReadSqliteAsync(session, ct), cancellationToken);
    }

    /// <summary>Deletes feed rows older than <see cref="Retention"/>; returns how many.</summary>
    public Task<int> PruneAsync(CancellationToken cancellationToken = default) =>
        _store.WriteAsync(async (tx, ct) =>
        {
            using var command = tx.Command("DELETE FROM subject_changes WHERE at < @cutoff")
                .With("@cutoff", StoreTime.ToMicros(_store.Time.GetUtcNow() - Retention));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    private async Task<SubjectChanges?> ReadSqliteAsync(StoreSession session, CancellationToken cancellationToken)
    {
        using var command = session.Command("SELECT seq, subjects, identifiers, everything FROM subject_changes WHERE seq > @w ORDER BY seq")
            .With("@w", (long)_watermark);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var merged = new Merger();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            _watermark = (ulong)reader.GetInt64(0);
            foreach (var id in reader.GetString(1).Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                merged.Subjects.Add(long.Parse(id, CultureInfo.InvariantCulture));
            }

            merged.Add(reader.GetInt64(2) != 0, reader.GetInt64(3) != 0);
        }

        return merged.ToChanges();
    }

    private async Task<SubjectChanges?> ReadPostgresAsync(StoreSession session, CancellationToken cancellationToken)
    {
        // One statement, one snapshot: the rows it sees and the xmin it reports agree. Every transaction older than that
        // xmin has ended, so its row, if it committed, is among these; younger ones are read again next time.
        using var command = session.Command(
            "SELECT pg_snapshot_xmin(pg_current_snapshot())::text, c.tx::text, c.subjects, c.identifiers, c.everything " +
            "FROM (SELECT 1) AS one LEFT JOIN subject_changes c ON c.tx >= @w::text::xid8")
            .With("@w", _watermark.ToString(CultureInfo.InvariantCulture));
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var merged = new Merger();
        var seen = new List<ulong>();
        ulong xmin = _watermark;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            xmin = ulong.Parse(reader.GetString(0), CultureInfo.InvariantCulture);
            if (reader.IsDBNull(1))
            {
                continue;
            }

            var tx = ulong.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
            seen.Add(tx);
            if (_delivered.Contains(tx))
            {
                continue;
            }

            foreach (var id in (long[])reader.GetValue(2))
            {
                merged.Subjects.Add(id);
            }

            merged.Add(reader.GetBoolean(3), reader.GetBoolean(4));
        }

        _watermark = xmin;
        _delivered.Clear();
        foreach (var tx in seen.Where(t => t >= xmin))
        {
            _delivered.Add(tx);
        }

        return merged.ToChanges();
    }

    private sealed class Merger
    {
        private bool _any;
        private bool _identifiers;
        private bool _everything;

        public HashSet<long> Subjects { get; } = [];

        public void Add(bool identifiers, bool everything)
        {
            _any = true;
            _identifiers |= identifiers;
            _everything |= everything;
        }

        public SubjectChanges? ToChanges() =>
            !_any ? null
            : _everything ? SubjectChanges.All
            : new SubjectChanges([.. Subjects], _identifiers, false);
    }
}
