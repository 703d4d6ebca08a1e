using Pledge.Storage;

namespace Pledge.Retention;

/// <summary>Past retention runs as the own store records them (newest first), with each rule's totals.</summary>
public static class RetentionRuns
{
    /// <summary>One rule's totals in a run.</summary>
    public sealed record RuleTotals(string RuleId, string Status, long Batches, long Affected, long Cascaded);

    /// <summary>A run and its rules.</summary>
    public sealed record Run(string JobId, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, DateTimeOffset Cutoff, string Status, string StartedBy, IReadOnlyList<RuleTotals> Rules);

    /// <summary>The newest <paramref name="limit"/> runs.</summary>
    public static Task<IReadOnlyList<Run>> ListAsync(OwnStore store, int limit, CancellationToken cancellationToken = default) =>
        store.ReadAsync<IReadOnlyList<Run>>(async (session, ct) =>
        {
            var runs = new List<Run>();
            using (var jobs = session.Command("SELECT job_id, started_at, finished_at, cutoff_at, status, started_by FROM retention_jobs ORDER BY started_at DESC, job_id LIMIT @limit")
                .With("@limit", limit))
            {
                using var reader = await jobs.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    runs.Add(new Run(reader.GetString(0), StoreTime.FromMicros(reader.GetInt64(1)), reader.IsDBNull(2) ? null : StoreTime.FromMicros(reader.GetInt64(2)),
                        StoreTime.FromMicros(reader.GetInt64(3)), reader.GetString(4), reader.GetString(5), []));
                }
            }

            for (var i = 0; i < runs.Count; i++)
            {
                using var rules = session.Command("SELECT rule_id, status, batches, affected, cascaded FROM retention_job_rules WHERE job_id = @job ORDER BY rule_id")
                    .With("@job", runs[i].JobId);
                using var reader = await rules.ExecuteReaderAsync(ct).ConfigureAwait(false);
                var totals = new List<RuleTotals>();
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    totals.Add(new RuleTotals(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4)));
                }

                runs[i] = runs[i] with { Rules = totals };
            }

            return runs;
        }, cancellationToken);
}
