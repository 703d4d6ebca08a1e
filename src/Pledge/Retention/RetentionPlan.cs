using System.Collections.Immutable;
using System.Globalization;
using Pledge.Connectors;
using Pledge.Connectors.Locating;
using Pledge.Erasure;
using Pledge.Storage;

namespace Pledge.Retention;

/// <summary>
/// The dry run: per rule, how many rows would be acted on, the oldest anchor among them, how many legal holds keep
/// back, and the statements a batch would run. Reads only.
/// </summary>
public static class RetentionPlan
{
    /// <summary>Only for showing statements: every value is a parameter, so the key never appears in them.</summary>
    private static readonly ErasureKey PlanKey = ErasureKey.From(Audit.PseudonymKey.Parse(Convert.ToBase64String(new byte[32])).Key!);

    /// <summary>Plans <paramref name="rules"/> as of <paramref name="now"/>.</summary>
    public static async Task<ImmutableArray<RulePlan>> PlanAsync(OwnStore store, IReadOnlyList<Connector> connectors, IReadOnlyList<CompiledRule> rules,
        DateTimeOffset now, int batchSize = 5_000, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var plans = ImmutableArray.CreateBuilder<RulePlan>();
        foreach (var rule in rules)
        {
            var connector = connectors.First(c => c.System.Id == rule.System.Id);
            var held = await LegalHoldRows.KeysAsync(store, rule.System.Id, rule.Table.Name, rule.Rule.Holds, cancellationToken).ConfigureAwait(false);
            var cutoff = rule.Rule.Period!.Value.SubtractFrom(now);
            var sql = new RetentionSql(rule, connector.Dialect, cutoff, held);
            var connection = await TargetDatabase.OpenAsync(connector, null, cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var (count, oldest) = await SummaryAsync(connection, connector.Dialect, sql.Summary(heldOnly: false), cancellationToken).ConfigureAwait(false);
                var (heldCount, _) = await SummaryAsync(connection, connector.Dialect, sql.Summary(heldOnly: true), cancellationToken).ConfigureAwait(false);
                var statements = rule.Action == Policy.Model.RetentionAction.Anonymise
                    ? FieldErasure.Build(connector.Dialect, rule.Table.Name, [rule.KeyColumn], [new RowKey(0L)], sql.FieldErasures, PlanKey).Select(s => s.Text).Prepend(sql.NextKeys(0L, batchSize).Text)
                    : sql.Batch(after: 0L, upTo: (long)batchSize).Select(q => q.Text).Prepend(sql.NextBatch(0L, batchSize).Text);
                plans.Add(new RulePlan(rule.Id, rule.System.Id, rule.Table.Name, rule.Action, cutoff, count, oldest, heldCount, [.. statements]));
            }
        }

        return plans.ToImmutable();
    }

    private static async Task<(long, string?)> SummaryAsync(System.Data.Common.DbConnection connection, SqlDialect dialect, SqlQuery query, CancellationToken cancellationToken)
    {
        using var command = TargetDatabase.Command(connection, null, query, dialect);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var oldest = reader.IsDBNull(1) ? null : reader.GetValue(1) switch
        {
            DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            var v => Convert.ToString(v, CultureInfo.InvariantCulture),
        };
        return (reader.GetInt64(0), oldest);
    }
}

/// <summary>What a rule would do now.</summary>
/// <param name="Cutoff">Rows anchored before this instant have expired.</param>
/// <param name="Statements">The batch statements: select the next batch's bound, then the cascade deletes and the action, for keys (after, upTo].</param>
public sealed record RulePlan(string RuleId, string System, string Table, Policy.Model.RetentionAction Action, DateTimeOffset Cutoff,
    long Rows, string? OldestAnchor, long Held, ImmutableArray<string> Statements);
