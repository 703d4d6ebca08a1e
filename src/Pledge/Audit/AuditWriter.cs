using Pledge.Storage;

namespace Pledge.Audit;

/// <summary>Writes a unit of work's buffered audit entries at its commit: locks the head, chains, inserts, moves the head.</summary>
internal static class AuditWriter
{
    public static async Task WriteAsync(StoreTransaction transaction, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        long seq;
        byte[] hash;
        using (var head = transaction.Command(transaction.Store.LockAuditHeadSql))
        using (var reader = await head.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("the audit head row is missing; the store's schema is damaged");
            }

            seq = reader.GetInt64(0);
            hash = (byte[])reader.GetValue(1);
        }

        var seqs = Column.Long("seq");
        var ats = Column.Long("at");
        var actors = Column.Text("actor");
        var actions = Column.Text("action");
        var subjects = Column.Text("subject");
        var details = Column.Text("detail");
        var hashes = Column.Bytes("hash");
        foreach (var (at, entry) in records)
        {
            seq++;
            var subject = entry.Subject?.Value;
            hash = AuditChain.Hash(hash, seq, at, entry.Actor, entry.Action, subject, entry.Detail);
            seqs.Add(seq);
            ats.Add(at);
            actors.Add(entry.Actor);
            actions.Add(entry.Action);
            subjects.Add(subject);
            details.Add(entry.Detail);
            hashes.Add(hash);
        }

        // The entries and the head's move in one round trip: the head stays locked until commit, so this is the part of
        // every unit of work that runs one at a time.
        using var move = transaction.Command("UPDATE audit_head SET seq = @s, hash = @h WHERE id = 1").With("@s", seq).With("@h", hash);
        await transaction.InsertAsync(new RowBatch("audit_log", seqs, ats, actors, actions, subjects, details, hashes), null, null, null, move, cancellationToken).ConfigureAwait(false);
    }
}
