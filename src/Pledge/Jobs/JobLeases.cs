using Pledge.Storage;

namespace Pledge.Jobs;

/// <summary>
/// The schedule of recurring jobs in the own store (<c>job_schedule</c>). An instance runs a due job only after
/// <see cref="TryClaimAsync"/> took its lease with one conditional <c>UPDATE … WHERE next_due_at &lt;= now AND the lease
/// is free</c>. On PostgreSQL a second instance's UPDATE of the same row waits for the first to commit, then re-checks
/// the condition against the new row and matches nothing; on SQLite writers are serialised. Either way one due run
/// is claimed by one instance. A lease outlives a crash only until it expires, then the job is due again.
/// </summary>
public static class JobLeases
{
    /// <summary>
    /// Claims <paramref name="job"/> for <paramref name="owner"/> when it is due now (by the store's clock) and nobody
    /// holds it. A job seen for the first time (or whose schedule changed) is recorded as due at its next slot.
    /// </summary>
    public static Task<bool> TryClaimAsync(OwnStore store, string job, JobSchedule schedule, string owner, TimeSpan lease, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var now = store.Time.GetUtcNow();
        var nowMicros = StoreTime.ToMicros(now);
        var text = schedule.ToString();
        return store.WriteAsync(async (tx, ct) =>
        {
            using (var insert = tx.Command(
                "INSERT INTO job_schedule (job, schedule, next_due_at) VALUES (@job, @schedule, @next) " +
                "ON CONFLICT (job) DO UPDATE SET schedule = excluded.schedule, next_due_at = excluded.next_due_at " +
                "WHERE job_schedule.schedule <> excluded.schedule")
                .With("@job", job).With("@schedule", text).With("@next", StoreTime.ToMicros(schedule.NextAfter(now))))
            {
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            using var claim = tx.Command(
                "UPDATE job_schedule SET owner = @owner, lease_expires_at = @expires, last_started_at = @now " +
                "WHERE job = @job AND next_due_at <= @now AND (owner IS NULL OR lease_expires_at < @now)")
                .With("@job", job).With("@owner", owner).With("@now", nowMicros).With("@expires", nowMicros + ToMicros(lease));
            return await claim.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <summary>
    /// Records the end of a run claimed by <paramref name="owner"/>: the outcome, and the next slot after now. False
    /// when the lease was lost meanwhile (it expired and another instance took the job).
    /// </summary>
    public static Task<bool> CompleteAsync(OwnStore store, string job, JobSchedule schedule, string owner, bool succeeded, string detail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var now = store.Time.GetUtcNow();
        return store.WriteAsync(async (tx, ct) =>
        {
            using var command = tx.Command(
                "UPDATE job_schedule SET owner = NULL, lease_expires_at = NULL, next_due_at = @next, runs = runs + 1, " +
                "last_finished_at = @now, last_outcome = @outcome, last_detail = @detail WHERE job = @job AND owner = @owner")
                .With("@job", job).With("@owner", owner).With("@next", StoreTime.ToMicros(schedule.NextAfter(now)))
                .With("@now", StoreTime.ToMicros(now)).With("@outcome", succeeded ? "ok" : "failed").With("@detail", detail);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <summary>Gives back a claim without running the job: it stays due, for the next instance that looks.</summary>
    public static Task ReleaseAsync(OwnStore store, string job, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.WriteAsync(async (tx, ct) =>
        {
            using var command = tx.Command("UPDATE job_schedule SET owner = NULL, lease_expires_at = NULL WHERE job = @job AND owner = @owner")
                .With("@job", job).With("@owner", owner);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Every job's schedule row, for status pages and tests.</summary>
    public static Task<IReadOnlyList<JobStatus>> ListAsync(OwnStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReadAsync<IReadOnlyList<JobStatus>>(async (session, ct) =>
        {
            using var command = session.Command(
                "SELECT job, schedule, next_due_at, owner, runs, last_started_at, last_finished_at, last_outcome, last_detail FROM job_schedule ORDER BY job");
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var list = new List<JobStatus>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                list.Add(new JobStatus(reader.GetString(0), reader.GetString(1), StoreTime.FromMicros(reader.GetInt64(2)), reader.GetNullableString(3),
                    reader.GetInt64(4), Instant(reader, 5), Instant(reader, 6), reader.GetNullableString(7), reader.GetNullableString(8)));
            }

            return list;
        }, cancellationToken);
    }

    internal static long ToMicros(TimeSpan span) => span.Ticks / TimeSpan.TicksPerMicrosecond;

    internal static DateTimeOffset? Instant(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : StoreTime.FromMicros(reader.GetInt64(ordinal));
}

/// <summary>A scheduled job's state: when it is next due, who runs it now, and how its last run ended.</summary>
public sealed record JobStatus(string Job, string Schedule, DateTimeOffset NextDue, string? RunningOn, long Runs,
    DateTimeOffset? LastStarted, DateTimeOffset? LastFinished, string? LastOutcome, string? LastDetail);
