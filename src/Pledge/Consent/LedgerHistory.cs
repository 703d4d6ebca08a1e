using Pledge.Storage;

namespace Pledge.Consent;

/// <summary>A stored ledger event, as read back.</summary>
public sealed record StoredEvent(
    long Sequence, long SubjectId, LedgerEventKind Kind, string? Activity, string? Scope, string? Value, DateTimeOffset At, DateTimeOffset RecordedAt,
    string PolicyVersion, string Channel, ConsentSignal Signal, string Actor, string IdempotencyKey);

/// <summary>Reads the ledger back: one subject's history, or every event in sequence order (streamed).</summary>
public static class LedgerHistory
{
    private const string Columns = "seq, subject_id, kind, activity, scope, value, at, recorded_at, policy_version, channel, signal, actor, idempotency_key";

    /// <summary>The events of one subject, oldest first.</summary>
    public static Task<IReadOnlyList<StoredEvent>> OfSubjectAsync(OwnStore store, long subjectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReadAsync<IReadOnlyList<StoredEvent>>(async (session, ct) =>
        {
            var events = new List<StoredEvent>();
            using var command = session.Command($"SELECT {Columns} FROM ledger_events WHERE subject_id = @s ORDER BY seq").With("@s", subjectId);
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                events.Add(Read(reader));
            }

            return events;
        }, cancellationToken);
    }

    /// <summary>Every event after <paramref name="afterSequence"/>, in sequence order, in pages of <paramref name="pageSize"/>.</summary>
    public static async IAsyncEnumerable<StoredEvent> AllAsync(OwnStore store, long afterSequence = 0, int pageSize = 5000,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var last = afterSequence;
        while (true)
        {
            var page = await store.ReadAsync<List<StoredEvent>>(async (session, ct) =>
            {
                var events = new List<StoredEvent>(pageSize);
                using var command = session.Command($"SELECT {Columns} FROM ledger_events WHERE seq > @last ORDER BY seq LIMIT @n").With("@last", last).With("@n", pageSize);
                using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    events.Add(Read(reader));
                }

                return events;
            }, cancellationToken).ConfigureAwait(false);

            foreach (var e in page)
            {
                yield return e;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            last = page[^1].Sequence;
        }
    }

    private static StoredEvent Read(System.Data.Common.DbDataReader reader)
    {
        LedgerCodes.TryParseKind(reader.GetString(2), out var kind);
        return new StoredEvent(reader.GetInt64(0), reader.GetInt64(1), kind, reader.GetNullableString(3), reader.GetNullableString(4), reader.GetNullableString(5),
            StoreTime.FromMicros(reader.GetInt64(6)), StoreTime.FromMicros(reader.GetInt64(7)), reader.GetString(8), reader.GetString(9),
            LedgerCodes.SignalFromCode(reader.GetNullableString(10)), reader.GetString(11), reader.GetString(12));
    }
}
