using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using Pledge.Audit;
using Pledge.Connectors;
using Pledge.Connectors.Locating;
using Pledge.Erasure;
using Pledge.Storage;

namespace Pledge.Retention;

/// <summary>
/// Enforces compiled retention rules: per rule, keyset batches in primary-key order, each batch one short transaction
/// on the system's database (cascade deletes, then the action), then one unit of work on the own store recording the
/// progress with an audit entry and renewing the rule's lease. A crashed run leaves its job unfinished; the next run
/// resumes it from each rule's last committed key with the same cut-off. Because rows are selected by predicate (and
/// anonymise/minimise select only rows still holding the data), running again changes nothing more: the run is
/// idempotent. Memory is bounded by one batch's statement, not by the number of rows.
/// </summary>
public sealed class RetentionRunner(OwnStore store, IReadOnlyList<Connector> connectors, RetentionRunOptions options)
{
    private readonly string _owner = "runner:" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Runs <paramref name="rules"/>, resuming the unfinished job if there is one. Reports each batch to <paramref name="progress"/>.</summary>
    public async Task<RetentionRunResult> RunAsync(IReadOnlyList<CompiledRule> rules, IProgress<RetentionBatch>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var (jobId, now, resumed) = await RetentionState.StartJobAsync(store, options.Actor, cancellationToken).ConfigureAwait(false);
        var results = ImmutableArray.CreateBuilder<RuleRunResult>();
        var batches = 0;
        foreach (var rule in rules)
        {
            var connector = connectors.First(c => c.System.Id == rule.System.Id);
            var result = await RunRuleAsync(jobId, now, rule, connector, progress, () => ++batches, cancellationToken).ConfigureAwait(false);
            results.Add(result);
        }

        // A rule another instance was working is that instance's to finish: the job is done from this side. Only a
        // run that stops before this line (a crash, a kill) leaves its job to be resumed.
        var total = results.Sum(r => r.Affected);
        await RetentionState.FinishJobAsync(store, jobId, options.Actor, $"rules {results.Count}; rows {total}", cancellationToken).ConfigureAwait(false);

        return new RetentionRunResult(jobId, resumed, now, results.ToImmutable());
    }

    private async Task<RuleRunResult> RunRuleAsync(string jobId, DateTimeOffset now, CompiledRule rule, Connector connector,
        IProgress<RetentionBatch>? progress, Func<int> countBatch, CancellationToken cancellationToken)
    {
        var done = await RetentionState.ProgressAsync(store, jobId, rule.Id, cancellationToken).ConfigureAwait(false);
        if (done.Done)
        {
            return new RuleRunResult(rule.Id, RuleRunStatus.Done, done.Affected, done.Cascaded, done.Batches);
        }

        if (!await RetentionState.TryLeaseAsync(store, rule.Id, _owner, options.Lease, cancellationToken).ConfigureAwait(false))
        {
            return new RuleRunResult(rule.Id, RuleRunStatus.Busy, 0, 0, 0);
        }

        var finished = false;
        try
        {
            // Re-read under the lease: the previous owner may have committed batches since the first read.
            var state = await RetentionState.ProgressAsync(store, jobId, rule.Id, cancellationToken).ConfigureAwait(false);
            var held = await LegalHoldRows.KeysAsync(store, rule.System.Id, rule.Table.Name, rule.Rule.Holds, cancellationToken).ConfigureAwait(false);
            var sql = new RetentionSql(rule, connector.Dialect, rule.Rule.Period!.Value.SubtractFrom(now), held);
            if (rule.Action == Policy.Model.RetentionAction.Anonymise && options.Key is null)
            {
                throw new InvalidOperationException($"rule {rule.Id} anonymises: the runner needs the erasure key");
            }

            object? after = ParseKey(state.LastKey);
            long affected = state.Affected, cascaded = state.Cascaded, batchCount = state.Batches;
            var connection = await TargetDatabase.OpenAsync(connector, options.Key, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                while (true)
                {
                    long rows, children;
                    object? upTo;
                    if (rule.Action == Policy.Model.RetentionAction.Anonymise)
                    {
                        // The shared field-erasure statements, on this batch's keys: the same tokens and masks as a request's erasure.
                        var keys = await KeysAsync(connection, connector.Dialect, sql.NextKeys(after, options.BatchSize), cancellationToken).ConfigureAwait(false);
                        if (keys.Count == 0)
                        {
                            break;
                        }

                        upTo = keys[^1].Values[0];
                        (rows, children) = (await AnonymiseAsync(connection, connector.Dialect, rule, sql, keys, options.Key!, cancellationToken).ConfigureAwait(false), 0);
                    }
                    else
                    {
                        (var count, upTo) = await NextBatchAsync(connection, connector.Dialect, sql.NextBatch(after, options.BatchSize), cancellationToken).ConfigureAwait(false);
                        if (count == 0)
                        {
                            break;
                        }

                        (rows, children) = await ExecuteBatchAsync(connection, connector.Dialect, sql.Batch(after, upTo), cancellationToken).ConfigureAwait(false);
                    }

                    affected += rows;
                    cascaded += children;
                    batchCount++;
                    var lastKey = Convert.ToString(upTo, CultureInfo.InvariantCulture)!;
                    var entry = new AuditEntry(options.Actor, "retention.batch", null,
                        $"job {jobId}; rule {rule.Id}; {rule.System.Id}.{rule.Table.Name}; {rule.Action.ToString().ToLowerInvariant()}; keys ({Convert.ToString(after, CultureInfo.InvariantCulture) ?? "start"}, {lastKey}]; rows {rows}; cascaded {children}");
                    var stillOurs = await RetentionState.RecordBatchAsync(store, jobId, rule.Id, _owner, options.Lease, lastKey, rows, children, entry, cancellationToken).ConfigureAwait(false);
                    progress?.Report(new RetentionBatch(rule.Id, batchCount, rows, affected));
                    var n = countBatch();
                    after = upTo;
                    if (!stillOurs)
                    {
                        return new RuleRunResult(rule.Id, RuleRunStatus.Busy, affected, cascaded, batchCount);
                    }

                    options.AfterBatch?.Invoke(n);
                }
            }

            await RetentionState.FinishRuleAsync(store, jobId, rule.Id, cancellationToken).ConfigureAwait(false);
            finished = true;
            return new RuleRunResult(rule.Id, RuleRunStatus.Done, affected, cascaded, batchCount);
        }
        finally
        {
            if (finished)
            {
                await RetentionState.ReleaseAsync(store, rule.Id, _owner, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static object? ParseKey(string? text) =>
        text is null ? null : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : text;

    private static async Task<List<RowKey>> KeysAsync(DbConnection connection, SqlDialect dialect, SqlQuery query, CancellationToken cancellationToken)
    {
        using var command = TargetDatabase.Command(connection, null, query, dialect);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<RowKey>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(new RowKey(reader.GetValue(0)));
        }

        return keys;
    }

    internal static async Task<long> AnonymiseAsync(DbConnection connection, SqlDialect dialect, CompiledRule rule, RetentionSql sql, IReadOnlyList<RowKey> keys, ErasureKey key, CancellationToken cancellationToken)
    {
        var statements = FieldErasure.Build(dialect, rule.Table.Name, [rule.KeyColumn], keys, sql.FieldErasures, key);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var counts = await FieldErasure.ExecuteAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return counts.Sum();
        }
    }

    private static async Task<(long Count, object? UpTo)> NextBatchAsync(DbConnection connection, SqlDialect dialect, SqlQuery query, CancellationToken cancellationToken)
    {
        using var command = TargetDatabase.Command(connection, null, query, dialect);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var count = reader.GetInt64(0);
        return (count, count == 0 ? null : reader.GetValue(1));
    }

    /// <summary>One short transaction: the cascade deletes, then the action. Returns the rows acted on and the rows cascaded.</summary>
    private static async Task<(long Rows, long Cascaded)> ExecuteBatchAsync(DbConnection connection, SqlDialect dialect, IReadOnlyList<SqlQuery> statements, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            long cascaded = 0, rows = 0;
            for (var i = 0; i < statements.Count; i++)
            {
                using var command = TargetDatabase.Command(connection, transaction, statements[i], dialect);
                var n = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (i == statements.Count - 1)
                {
                    rows = n;
                }
                else
                {
                    cascaded += n;
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (rows, cascaded);
        }
    }
}

/// <summary>How <see cref="RetentionRunner"/> works.</summary>
/// <param name="BatchSize">Rows per batch (default 5,000): each batch's locks last one short transaction.</param>
/// <param name="Lease">How long a rule's lease lasts without renewal (default 5 minutes; renewed every batch).</param>
/// <param name="Key">The key for the hash strategy; required when an anonymise rule hashes a field.</param>
/// <param name="AfterBatch">Called after each committed batch with the run's batch count (tests stop a run here).</param>
public sealed record RetentionRunOptions(string Actor, int BatchSize = 5_000, TimeSpan Lease = default, ErasureKey? Key = null, Action<int>? AfterBatch = null)
{
    /// <summary>The lease duration, defaulted.</summary>
    public TimeSpan Lease { get; init; } = Lease == default ? TimeSpan.FromMinutes(5) : Lease;
}

/// <summary>A committed batch.</summary>
public sealed record RetentionBatch(string RuleId, long Batch, long Rows, long RuleTotal);

/// <summary>What a run did.</summary>
public sealed record RetentionRunResult(string JobId, bool Resumed, DateTimeOffset Now, ImmutableArray<RuleRunResult> Rules);

/// <summary>What a run did with one rule (counts include batches of an earlier, interrupted run of the same job).</summary>
public sealed record RuleRunResult(string RuleId, RuleRunStatus Status, long Affected, long Cascaded, long Batches);

/// <summary>How a rule's run ended.</summary>
public enum RuleRunStatus
{
    /// <summary>Every expired row was acted on.</summary>
    Done,
    /// <summary>Another instance holds the rule's lease; it was left to that instance.</summary>
    Busy,
}
