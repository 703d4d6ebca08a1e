using Pledge.Storage;

namespace Pledge.Audit;

/// <summary>
/// The hash-chained audit log in the own store. Engines append through <see cref="StoreTransaction.Audit"/> (in the
/// same transaction as their own writes) or <see cref="AppendAsync"/>; <see cref="VerifyAsync"/> streams the log and
/// reports the first broken link.
/// </summary>
public static class AuditLog
{
    /// <summary>Appends <paramref name="entry"/> in a unit of work of its own.</summary>
    public static Task AppendAsync(OwnStore store, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.WriteAsync((tx, _) =>
        {
            tx.Audit(entry);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>
    /// Checks every entry in sequence order, in bounded memory, against the chain and the head, on one consistent
    /// snapshot. Stops at the first broken link and says which and how.
    /// </summary>
    public static Task<AuditVerification> VerifyAsync(OwnStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReadSnapshotAsync(async (session, ct) =>
        {
            long headSeq;
            byte[] headHash;
            using (var head = session.Command("SELECT seq, hash FROM audit_head WHERE id = 1"))
            using (var reader = await head.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                await reader.ReadAsync(ct).ConfigureAwait(false);
                headSeq = reader.GetInt64(0);
                headHash = (byte[])reader.GetValue(1);
            }

            var headHex = Convert.ToHexStringLower(headHash);
            var running = new byte[AuditChain.HashLength];
            var expected = 1L;
            using (var entries = session.Command("SELECT seq, at, actor, action, subject, detail, hash FROM audit_log ORDER BY seq"))
            using (var reader = await entries.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var seq = reader.GetInt64(0);
                    if (seq != expected)
                    {
                        var what = seq > expected
                            ? (expected == seq - 1 ? $"entry {expected} is missing" : $"entries {expected} to {seq - 1} are missing")
                            : $"entry {seq} appears out of order";
                        return new AuditVerification(expected - 1, headSeq, headHex, AuditBreak.Missing, expected, what + ": entries were removed");
                    }

                    var stored = (byte[])reader.GetValue(6);
                    var computed = AuditChain.Hash(running, seq, reader.GetInt64(1), reader.GetString(2), reader.GetString(3),
                        reader.GetNullableString(4), reader.GetNullableString(5));
                    if (!computed.AsSpan().SequenceEqual(stored))
                    {
                        return new AuditVerification(expected - 1, headSeq, headHex, AuditBreak.Edited, seq,
                            $"entry {seq} does not match its hash: it was edited, or entries before it were reordered or replaced");
                    }

                    running = stored;
                    expected++;
                }
            }

            var count = expected - 1;
            if (count < headSeq)
            {
                return new AuditVerification(count, headSeq, headHex, AuditBreak.Truncated, count + 1,
                    $"the log ends at entry {count} but its head says {headSeq}: entries at the end were removed");
            }

            if (count > headSeq || !running.AsSpan().SequenceEqual(headHash))
            {
                return new AuditVerification(count, headSeq, headHex, AuditBreak.HeadMismatch, count,
                    $"the head (entry {headSeq}) does not match the last entry ({count}): the log or its head was changed");
            }

            return new AuditVerification(count, headSeq, headHex, AuditBreak.None, null, null);
        }, cancellationToken);
    }
}
