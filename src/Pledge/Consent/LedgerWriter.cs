using System.Globalization;
using Pledge.Audit;
using Pledge.Storage;

namespace Pledge.Consent;

/// <summary>
/// Writes a batch of validated events inside a unit of work: resolves subjects, inserts the events (a stored
/// idempotency key returns the original event), updates the projection and appends one audit entry per new event —
/// all in the caller's transaction. Used by the group-commit writer and by the importer.
/// </summary>
internal static class LedgerWriter
{
    private const string EventSuffix = "ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key, seq";

    public static async Task<AppendResult[]> WriteAsync(StoreTransaction tx, IReadOnlyList<LedgerEvent> events, Pseudonymizer pseudonyms, CancellationToken cancellationToken)
    {
        var results = new AppendResult[events.Count];
        if (events.Count == 0)
        {
            return results;
        }

        // Within the batch the first event with a key is the one stored; later ones with the same key are its retries.
        var firstWithKey = new Dictionary<string, int>(events.Count, StringComparer.Ordinal);
        var retryOf = new int[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            retryOf[i] = firstWithKey.TryAdd(events[i].Evidence.IdempotencyKey, i) ? -1 : firstWithKey[events[i].Evidence.IdempotencyKey];
        }

        var subjects = await SubjectDirectory.ResolveAsync(tx, events.Select(e => e.Subject).ToList(), cancellationToken).ConfigureAwait(false);
        var recordedAt = StoreTime.ToMicros(tx.Store.Time.GetUtcNow());
        var batch = EventBatch.Create();
        foreach (var index in firstWithKey.Values)
        {
            batch.Add(events[index], subjects[events[index].Subject.Key], recordedAt);
        }

        var inserted = new Dictionary<string, long>(firstWithKey.Count, StringComparer.Ordinal);
        await tx.InsertAsync(batch.Rows, EventSuffix, reader => inserted[reader.GetString(0)] = reader.GetInt64(1), cancellationToken).ConfigureAwait(false);

        var earlier = inserted.Count < firstWithKey.Count
            ? await StoredAsync(tx, firstWithKey.Keys.Where(k => !inserted.ContainsKey(k)).ToList(), cancellationToken).ConfigureAwait(false)
            : [];

        var state = new List<StateRow>(inserted.Count);
        foreach (var (key, index) in firstWithKey)
        {
            var e = events[index];
            if (inserted.TryGetValue(key, out var seq))
            {
                var subject = subjects[e.Subject.Key];
                results[index] = new AppendResult(seq, subject, false, null);
                if (StateRow.From(subject, seq, e.Kind, e.Activity, ScopeOf(e), e.Preference?.Frequency, StoreTime.ToMicros(e.Evidence.At), e.Evidence.PolicyVersion, e.Evidence.Signal) is { } row)
                {
                    state.Add(row);
                }

                tx.Audit(new AuditEntry(e.Evidence.Actor, e.Kind.AuditAction(), pseudonyms.Subject(subject), Detail(seq, e)));
            }
            else
            {
                var (originalSeq, originalSubject) = earlier[key];
                results[index] = new AppendResult(originalSeq, originalSubject, true, null);
            }
        }

        for (var i = 0; i < events.Count; i++)
        {
            if (retryOf[i] >= 0)
            {
                results[i] = results[retryOf[i]] with { Duplicate = true };
            }
        }

        await ConsentProjection.ApplyAsync(tx, state, cancellationToken).ConfigureAwait(false);
        return results;
    }

    public static async Task InsertErasureAsync(StoreTransaction tx, long subjectId, Evidence evidence, CancellationToken cancellationToken)
    {
        var batch = EventBatch.Create();
        batch.Add(subjectId, LedgerEventKind.Erased, null, null, null, evidence, StoreTime.ToMicros(tx.Store.Time.GetUtcNow()));
        await tx.InsertAsync(batch.Rows, "ON CONFLICT (idempotency_key) DO NOTHING", null, cancellationToken).ConfigureAwait(false);
    }

    internal static string? ScopeOf(LedgerEvent e) => e.Preference is { } p ? p.Channel + "/" + p.Topic : null;

    private static string Detail(long seq, LedgerEvent e) =>
        string.Create(CultureInfo.InvariantCulture, $"event {seq}; activity {e.Activity ?? "-"}; channel {e.Evidence.Channel.Code()}{(e.Evidence.Signal == ConsentSignal.None ? "" : "; signal gpc")}");

    private static async Task<Dictionary<string, (long Seq, long Subject)>> StoredAsync(StoreTransaction tx, List<string> keys, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, (long, long)>(keys.Count, StringComparer.Ordinal);
        using var command = tx.Command("");
        command.CommandText = $"SELECT t.idempotency_key, t.seq, t.subject_id FROM {tx.LookupUnique(command, "ledger_events", "idempotency_key", "@keys", keys)}";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            stored[reader.GetString(0)] = (reader.GetInt64(1), reader.GetInt64(2));
        }

        return stored;
    }

    /// <summary>The columns of <c>ledger_events</c>, filled row by row.</summary>
    private sealed class EventBatch
    {
        private readonly BatchColumn<long> _subject = Column.Long("subject_id");
        private readonly BatchColumn<string?> _kind = Column.Text("kind");
        private readonly BatchColumn<string?> _activity = Column.Text("activity");
        private readonly BatchColumn<string?> _scope = Column.Text("scope");
        private readonly BatchColumn<string?> _value = Column.Text("value");
        private readonly BatchColumn<long> _at = Column.Long("at");
        private readonly BatchColumn<long> _recordedAt = Column.Long("recorded_at");
        private readonly BatchColumn<string?> _version = Column.Text("policy_version");
        private readonly BatchColumn<string?> _channel = Column.Text("channel");
        private readonly BatchColumn<string?> _signal = Column.Text("signal");
        private readonly BatchColumn<string?> _actor = Column.Text("actor");
        private readonly BatchColumn<string?> _key = Column.Text("idempotency_key");

        private EventBatch() => Rows = new RowBatch("ledger_events", _subject, _kind, _activity, _scope, _value, _at, _recordedAt, _version, _channel, _signal, _actor, _key);

        public RowBatch Rows { get; }

        public static EventBatch Create() => new();

        public void Add(LedgerEvent e, long subjectId, long recordedAt) =>
            Add(subjectId, e.Kind, e.Activity, ScopeOf(e), e.Preference?.Frequency, e.Evidence, recordedAt);

        public void Add(long subjectId, LedgerEventKind kind, string? activity, string? scope, string? value, Evidence evidence, long recordedAt)
        {
            _subject.Add(subjectId);
            _kind.Add(kind.Code());
            _activity.Add(activity);
            _scope.Add(scope);
            _value.Add(value);
            _at.Add(StoreTime.ToMicros(evidence.At));
            _recordedAt.Add(recordedAt);
            _version.Add(evidence.PolicyVersion);
            _channel.Add(evidence.Channel.Code());
            _signal.Add(evidence.Signal.Code());
            _actor.Add(evidence.Actor);
            _key.Add(evidence.IdempotencyKey);
        }
    }
}
