using Pledge.Audit;
using Pledge.Storage;

namespace Pledge.Consent;

/// <summary>
/// The current state as a projection of the ledger: maintained in the same transaction as each batch of events, and
/// rebuildable from the events alone (<see cref="RebuildAsync"/> gives the same rows).
/// </summary>
public static class ConsentProjection
{
    private const string Columns = "subject_id, facet, scope, status, value, at, seq, policy_version";

    private const string Upsert =
        "ON CONFLICT (subject_id, facet, scope) DO UPDATE SET status = excluded.status, value = excluded.value, at = excluded.at, " +
        "seq = excluded.seq, policy_version = excluded.policy_version " +
        "WHERE excluded.at > consent_state.at OR (excluded.at = consent_state.at AND excluded.seq > consent_state.seq)";

    /// <summary>Applies <paramref name="rows"/>: per key, the latest by (time, sequence) wins, in memory and in the table.</summary>
    internal static Task ApplyAsync(StoreTransaction transaction, IEnumerable<StateRow> rows, CancellationToken cancellationToken)
    {
        // Reduce first: one statement may not update the same row twice (PostgreSQL refuses), and fewer rows is cheaper.
        var latest = new Dictionary<(long, StateFacet, string), StateRow>();
        foreach (var row in rows)
        {
            var key = (row.SubjectId, row.Facet, row.Scope);
            if (!latest.TryGetValue(key, out var existing) || row.IsLaterThan(existing))
            {
                latest[key] = row;
            }
        }

        var subject = Column.Long("subject_id");
        var facet = Column.Short("facet");
        var scope = Column.Text("scope");
        var status = Column.Short("status");
        var value = Column.Text("value");
        var at = Column.Long("at");
        var seq = Column.Long("seq");
        var version = Column.Text("policy_version");
        // On PostgreSQL in key order: concurrent batches then lock the rows they share in the same order, and cannot
        // deadlock on them. SQLite has one writer, so nothing to order against.
        var ordered = transaction.Kind == StoreKind.Postgres
            ? latest.Values.OrderBy(r => r.SubjectId).ThenBy(r => r.Facet).ThenBy(r => r.Scope, StringComparer.Ordinal)
            : (IEnumerable<StateRow>)latest.Values;
        foreach (var row in ordered)
        {
            transaction.SubjectChanges.Add(row.SubjectId);
            subject.Add(row.SubjectId);
            facet.Add((short)row.Facet);
            scope.Add(row.Scope);
            status.Add(row.Status);
            value.Add(row.Value);
            at.Add(row.At);
            seq.Add(row.Seq);
            version.Add(row.PolicyVersion);
        }

        return transaction.InsertAsync(new RowBatch("consent_state", subject, facet, scope, status, value, at, seq, version), Upsert, null, cancellationToken);
    }

    /// <summary>
    /// The subject that the identifier <paramref name="key"/> names (0 when none) and its state rows, in one statement:
    /// one row per state row, or one row with only the subject when it has no state yet, or no row for an unknown key.
    /// </summary>
    internal static async Task<(long SubjectId, IReadOnlyList<StateRow> Rows)> LoadByIdentifierAsync(StoreSession session, string key, CancellationToken cancellationToken)
    {
        var rows = new List<StateRow>();
        long subjectId = 0;
        using var command = session.Command(
            "SELECT i.subject_id, s.facet, s.scope, s.status, s.value, s.at, s.seq, s.policy_version " +
            "FROM subject_identifiers i LEFT JOIN consent_state s ON s.subject_id = i.subject_id WHERE i.key = @key").With("@key", key);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            subjectId = reader.GetInt64(0);
            if (!reader.IsDBNull(1))
            {
                rows.Add(Read(reader));
            }
        }

        return (subjectId, rows);
    }

    /// <summary>The state rows of the given subjects.</summary>
    public static async Task<IReadOnlyList<StateRow>> LoadAsync(StoreSession session, IReadOnlyCollection<long> subjectIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(subjectIds);
        var rows = new List<StateRow>();
        if (subjectIds.Count == 0)
        {
            return rows;
        }

        using var command = session.Command("");
        command.CommandText = $"SELECT {Columns} FROM consent_state WHERE {session.InList(command, "subject_id", "@ids", subjectIds)}";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    /// <summary>Every state row, ordered by subject, facet and scope (for comparisons and exports).</summary>
    public static Task<IReadOnlyList<StateRow>> LoadAllAsync(OwnStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReadAsync<IReadOnlyList<StateRow>>(async (session, ct) =>
        {
            var rows = new List<StateRow>();
            using var command = session.Command($"SELECT {Columns} FROM consent_state ORDER BY subject_id, facet, scope");
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                rows.Add(Read(reader));
            }

            return rows;
        }, cancellationToken);
    }

    /// <summary>
    /// Empties the state and replays every event in sequence order, in one transaction; appends one audit entry.
    /// Returns the number of events replayed.
    /// </summary>
    public static Task<long> RebuildAsync(OwnStore store, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.WriteAsync(async (tx, ct) =>
        {
            tx.SubjectChanges.MarkEverything();
            using (var clear = tx.Command("DELETE FROM consent_state"))
            {
                await clear.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            long last = 0, count = 0;
            while (true)
            {
                // Chunks keep memory bounded however long the ledger is.
                var chunk = new List<StateRow>(10_000);
                var read = 0;
                using (var command = tx.Command(
                    "SELECT seq, subject_id, kind, activity, scope, value, at, policy_version, signal FROM ledger_events WHERE seq > @last ORDER BY seq LIMIT 10000"))
                {
                    command.With("@last", last);
                    using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        read++;
                        last = reader.GetInt64(0);
                        LedgerCodes.TryParseKind(reader.GetString(2), out var kind);
                        var row = StateRow.From(reader.GetInt64(1), last, kind, reader.GetNullableString(3), reader.GetNullableString(4),
                            reader.GetNullableString(5), reader.GetInt64(6), reader.GetString(7), LedgerCodes.SignalFromCode(reader.GetNullableString(8)));
                        if (row is { } r)
                        {
                            chunk.Add(r);
                        }
                    }
                }

                if (read == 0)
                {
                    break;
                }

                count += read;
                await ApplyAsync(tx, chunk, ct).ConfigureAwait(false);
            }

            tx.Audit(new AuditEntry(actor, "consent.rebuilt", null, $"{count} events replayed"));
            return count;
        }, cancellationToken);
    }

    private static StateRow Read(System.Data.Common.DbDataReader reader) => new(
        reader.GetInt64(0), (StateFacet)reader.GetInt16(1), reader.GetString(2), reader.GetInt16(3), reader.GetNullableString(4),
        reader.GetInt64(5), reader.GetInt64(6), reader.GetNullableString(7));
}
