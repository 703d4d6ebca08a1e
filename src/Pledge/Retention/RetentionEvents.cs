using System.Collections.Immutable;
using System.Globalization;
using Pledge.Audit;
using Pledge.Connectors;
using Pledge.Connectors.Graph;
using Pledge.Connectors.Locating;
using Pledge.Erasure;
using Pledge.Storage;

namespace Pledge.Retention;

/// <summary>
/// Event-triggered retention ("cleared when the user signs out"): when an event is raised for a subject, every rule
/// with that <c>trigger</c> acts on the subject's rows of its table, found by <see cref="SubjectLocator"/> through the
/// data map's identity columns and references. One transaction per rule and system; one audit entry per rule.
/// </summary>
public sealed class RetentionEvents(Policy.Model.Policy policy, OwnStore store, IReadOnlyList<Connector> connectors, ErasureKey? key, string actor)
{
    /// <summary>Raises <paramref name="eventId"/> for the subject known by <paramref name="identifiers"/>; returns rows acted on per rule.</summary>
    public async Task<ImmutableArray<RuleRunResult>> RaiseAsync(string eventId, IReadOnlyCollection<SubjectIdentifier> identifiers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var rules = policy.Retention.Where(r => r.Trigger == eventId && r.IsEnforced).ToList();
        if (rules.Count == 0)
        {
            return [];
        }

        var located = await new SubjectLocator(SubjectGraphPlan.Build(policy), connectors).FindAsync(identifiers, cancellationToken).ConfigureAwait(false);
        var results = ImmutableArray.CreateBuilder<RuleRunResult>();
        foreach (var rule in rules)
        {
            var compiled = RetentionPlanner.CompileOne(policy, rule, out var reason) ?? throw new InvalidOperationException($"rule {rule.Id}: {reason}");
            var table = located.Table(compiled.System.Id, compiled.Table.Name);
            var keys = table is null ? [] : table.Rows.Select(r => r.Key.Values[0]).OfType<object>().ToList();
            long rows = 0, cascaded = 0;
            if (keys.Count > 0)
            {
                var connector = connectors.First(c => c.System.Id == compiled.System.Id);
                (rows, cascaded) = await ActAsync(compiled, connector, keys, cancellationToken).ConfigureAwait(false);
            }

            await store.WriteAsync((tx, _) =>
            {
                tx.Audit(new AuditEntry(actor, "retention.event", null,
                    $"event {eventId}; rule {rule.Id}; {compiled.System.Id}.{compiled.Table.Name}; rows {rows.ToString(CultureInfo.InvariantCulture)}; cascaded {cascaded.ToString(CultureInfo.InvariantCulture)}"));
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            results.Add(new RuleRunResult(rule.Id, RuleRunStatus.Done, rows, cascaded, 1));
        }

        return results.ToImmutable();
    }

    /// <summary>Acts on the rows with <paramref name="keys"/>: an event rule has no period, so its cut-off is "the end of time".</summary>
    private async Task<(long, long)> ActAsync(CompiledRule rule, Connector connector, List<object> keys, CancellationToken cancellationToken)
    {
        var connection = await TargetDatabase.OpenAsync(connector, key, cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                long rows = 0, cascaded = 0;
                if (rule.Action == Policy.Model.RetentionAction.Anonymise)
                {
                    var erasure = new RetentionSql(rule, connector.Dialect, DateTimeOffset.MaxValue, HeldKeys.None);
                    var statements = FieldErasure.Build(connector.Dialect, rule.Table.Name, [rule.KeyColumn], [.. keys.Select(k => new RowKey(k))], erasure.FieldErasures,
                        key ?? throw new InvalidOperationException($"rule {rule.Rule.Id} anonymises: it needs the erasure key"));
                    var counts = await FieldErasure.ExecuteAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return (counts.Sum(), 0);
                }

                foreach (var chunk in keys.Chunk(connector.Dialect.MaxKeysPerQuery))
                {
                    var sql = new RetentionSql(rule, connector.Dialect, DateTimeOffset.MaxValue, HeldKeys.None) { OnlyKeys = chunk };
                    var statements = sql.Batch(null, null);
                    for (var i = 0; i < statements.Count; i++)
                    {
                        using var command = TargetDatabase.Command(connection, transaction, statements[i], connector.Dialect);
                        var n = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                        if (i == statements.Count - 1) { rows += n; } else { cascaded += n; }
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (rows, cascaded);
            }
        }
    }
}
