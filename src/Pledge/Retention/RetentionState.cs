using Pledge.Audit;
using Pledge.Storage;

namespace Pledge.Retention;

/// <summary>
/// Retention's state in the own store: jobs and their per-rule progress, and per-rule leases. A lease is a row
/// (rule, owner, expiry) taken with one conditional upsert, so two instances — processes or machines, on either
/// store — never work one rule at once; it is renewed with every batch and expires if its owner dies.
/// </summary>
internal static class RetentionState
{
    /// <summary>The unfinished job, resumed with the instant its cut-offs were computed from; else a new job.</summary>
    public static Task<(string JobId, DateTimeOffset Now, bool Resumed)> StartJobAsync(OwnStore store, string actor, CancellationToken cancellationToken) =>
        store.WriteAsync<(string, DateTimeOffset, bool)>(async (tx, ct) =>
        {
            using (var find = tx.Command("SELECT job_id, cutoff_at FROM retention_jobs WHERE status = 'running' ORDER BY started_at LIMIT 1"))
            using (var reader = await find.ExecuteReaderAsync(ct).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    var resumed = reader.GetString(0);
                    tx.Audit(new AuditEntry(actor, "retention.job.resumed", null, $"job {resumed}"));
                    return (resumed, StoreTime.FromMicros(reader.GetInt64(1)), true);
                }
            }

            var now = store.Time.GetUtcNow();
            var id = "rj_" + Guid.NewGuid().ToString("N")[..16];
            using var insert = tx.Command("INSERT INTO retention_jobs (job_id, started_at, cutoff_at, status, started_by) VALUES (@id, @at, @at, 'running', @by)")
                .With("@id", id).With("@at", StoreTime.ToMicros(now)).With("@by", actor);
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            tx.Audit(new AuditEntry(actor, "retention.job.started", null, $"job {id}"));
            return (id, now, false);
        }, cancellationToken);

    /// <summary>The rule's progress in the job: its last committed key and whether it finished.</summary>
    public static Task<RuleProgress> ProgressAsync(OwnStore store, string jobId, string ruleId, CancellationToken cancellationToken) =>
        store.ReadAsync(async (session, ct) =>
        {
            using var command = session.Command("SELECT last_key, batches, affected, cascaded, status FROM retention_job_rules WHERE job_id = @j AND rule_id = @r")
                .With("@j", jobId).With("@r", ruleId);
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false)
                ? new RuleProgress(reader.GetNullableString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetString(4) == "done")
                : new RuleProgress(null, 0, 0, 0, false);
        }, cancellationToken);

    /// <summary>Takes (or renews) the rule's lease for <paramref name="owner"/>; false when another live owner holds it.</summary>
    public static Task<bool> TryLeaseAsync(StoreTransaction tx, string ruleId, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = StoreTime.ToMicros(tx.Store.Time.GetUtcNow());
        var command = tx.Command(
            "INSERT INTO retention_leases (rule_id, owner, expires_at) VALUES (@r, @o, @e) " +
            "ON CONFLICT (rule_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at " +
            "WHERE retention_leases.owner = excluded.owner OR retention_leases.expires_at < @now")
            .With("@r", ruleId).With("@o", owner).With("@e", now + (long)(duration.TotalMilliseconds * 1000)).With("@now", now);
        return ExecuteOnceAsync(command, cancellationToken);
    }

    public static Task<bool> TryLeaseAsync(OwnStore store, string ruleId, string owner, TimeSpan duration, CancellationToken cancellationToken) =>
        store.WriteAsync((tx, ct) => TryLeaseAsync(tx, ruleId, owner, duration, ct), cancellationToken);

    /// <summary>Gives the lease back, if still ours.</summary>
    public static Task ReleaseAsync(OwnStore store, string ruleId, string owner, CancellationToken cancellationToken) =>
        store.WriteAsync(async (tx, ct) =>
        {
            using var command = tx.Command("DELETE FROM retention_leases WHERE rule_id = @r AND owner = @o").With("@r", ruleId).With("@o", owner);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Records a committed batch and renews the lease, in one unit of work with the batch's audit entry.</summary>
    public static Task<bool> RecordBatchAsync(OwnStore store, string jobId, string ruleId, string owner, TimeSpan lease, string lastKey,
        long affected, long cascaded, AuditEntry entry, CancellationToken cancellationToken) =>
        store.WriteAsync(async (tx, ct) =>
        {
            await UpsertAsync(tx, jobId, ruleId, ct).ConfigureAwait(false);
            using var update = tx.Command(
                "UPDATE retention_job_rules SET last_key = @k, batches = batches + 1, affected = affected + @a, cascaded = cascaded + @c " +
                "WHERE job_id = @j AND rule_id = @r")
                .With("@k", lastKey).With("@a", affected).With("@c", cascaded).With("@j", jobId).With("@r", ruleId);
            await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            tx.Audit(entry);
            return await TryLeaseAsync(tx, ruleId, owner, lease, ct).ConfigureAwait(false);
        }, cancellationToken);

    public static Task FinishRuleAsync(OwnStore store, string jobId, string ruleId, CancellationToken cancellationToken) =>
        store.WriteAsync(async (tx, ct) =>
        {
            await UpsertAsync(tx, jobId, ruleId, ct).ConfigureAwait(false);
            using var update = tx.Command("UPDATE retention_job_rules SET status = 'done' WHERE job_id = @j AND rule_id = @r").With("@j", jobId).With("@r", ruleId);
            await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    public static Task FinishJobAsync(OwnStore store, string jobId, string actor, string detail, CancellationToken cancellationToken) =>
        store.WriteAsync(async (tx, ct) =>
        {
            using var update = tx.Command("UPDATE retention_jobs SET status = 'done', finished_at = @at WHERE job_id = @j AND status = 'running'")
                .With("@at", StoreTime.ToMicros(tx.Store.Time.GetUtcNow())).With("@j", jobId);
            if (await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1)
            {
                tx.Audit(new AuditEntry(actor, "retention.job.finished", null, $"job {jobId}; {detail}"));
            }
        }, cancellationToken);

    private static async Task UpsertAsync(StoreTransaction tx, string jobId, string ruleId, CancellationToken cancellationToken)
    {
        using var insert = tx.Command("INSERT INTO retention_job_rules (job_id, rule_id, status) VALUES (@j, @r, 'running') ON CONFLICT (job_id, rule_id) DO NOTHING")
            .With("@j", jobId).With("@r", ruleId);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> ExecuteOnceAsync(System.Data.Common.DbCommand command, CancellationToken cancellationToken)
    {
        using (command)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
    }
}

/// <summary>How far a job got with one rule.</summary>
internal sealed record RuleProgress(string? LastKey, long Batches, long Affected, long Cascaded, bool Done);
