using System.Collections.Immutable;
using System.Data.Common;
using Pledge.Connectors;
using Pledge.Policy.Model;

namespace Pledge.Erasure;

/// <summary>
/// Carries out an <see cref="ErasurePlan"/>: per system, one transaction holding every statement (all or nothing), built
/// by <see cref="FieldErasure"/> (one per table and batch of keys). A failure in one system rolls that system back and is
/// reported; the other systems still run, as they are separate databases. A dry run builds the same statements and
/// reports the counts without connecting for writes.
/// </summary>
public sealed class SubjectEraser
{
    private readonly Dictionary<string, Connector> _connectors;
    private readonly ErasureKey _key;

    /// <summary>Creates an eraser for the systems <paramref name="connectors"/> reach, hashing under <paramref name="key"/>.</summary>
    public SubjectEraser(IEnumerable<Connector> connectors, ErasureKey key)
    {
        ArgumentNullException.ThrowIfNull(connectors);
        ArgumentNullException.ThrowIfNull(key);
        _connectors = connectors.ToDictionary(c => c.System.Id, StringComparer.Ordinal);
        _key = key;
    }

    /// <summary>Sees each statement of a system before the system's statements run: tests use it to inject a failure.</summary>
    internal Action<ErasureStatement>? BeforeStatement { get; init; }

    /// <summary>
    /// Called after each system commits, before the next one starts: the request records the system as done, so a run
    /// after a later system fails does not erase (or count) it twice.
    /// </summary>
    public Func<SystemOutcome, CancellationToken, Task>? Committed { get; init; }

    /// <summary>False: run every statement, then roll back (benchmarks compare methods on the same rows).</summary>
    internal bool Commit { get; init; } = true;

    /// <summary>
    /// Runs <paramref name="plan"/>, or with <paramref name="dryRun"/> only reports it. Database failures are caught per
    /// system and reported in <see cref="SystemOutcome.Error"/>; cancellation is not caught.
    /// </summary>
    public async Task<ErasureReport> ExecuteAsync(ErasurePlan plan, bool dryRun, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var systems = ImmutableArray.CreateBuilder<SystemOutcome>();
        var unsearched = plan.Unsearched.ToList();
        foreach (var systemId in plan.Systems)
        {
            if (!_connectors.TryGetValue(systemId, out var connector))
            {
                unsearched.Add(systemId);
                continue;
            }

            var tables = plan.Of(systemId).ToList();
            var schema = await connector.ReadSchemaAsync(cancellationToken).ConfigureAwait(false);
            var work = tables.Select(t => (Table: t, Statements: Build(connector.Dialect, schema, t))).ToList();
            if (dryRun)
            {
                systems.Add(new SystemOutcome(systemId, false, null, [.. work.Select(w => Outcome(w.Table, w.Table.Action == TableAction.Retain ? 0 : w.Table.RowCount))]));
                continue;
            }

            var outcome = await RunAsync(connector, work, cancellationToken).ConfigureAwait(false);
            systems.Add(outcome);
            if (outcome.Committed && Committed is not null)
            {
                await Committed(outcome, cancellationToken).ConfigureAwait(false);
            }
        }

        return new ErasureReport(dryRun, systems.ToImmutable(), [.. unsearched]);
    }

    private async Task<SystemOutcome> RunAsync(Connector connector, List<(TableErasure Table, IReadOnlyList<ErasureStatement> Statements)> work, CancellationToken cancellationToken)
    {
        var systemId = connector.System.Id;
        try
        {
            var connection = await connector.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var _ = connection.ConfigureAwait(false);
            FieldErasure.Prepare(connection, _key);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var __ = transaction.ConfigureAwait(false);
            // Every statement of the system in one call: one round trip on PostgreSQL.
            var statements = work.SelectMany(w => w.Statements).ToList();
            foreach (var statement in statements)
            {
                BeforeStatement?.Invoke(statement);
            }

            var counts = await FieldErasure.ExecuteAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
            var outcomes = new List<TableOutcome>();
            var next = 0;
            foreach (var (table, tableStatements) in work)
            {
                outcomes.Add(Outcome(table, counts.Skip(next).Take(tableStatements.Count).Sum()));
                next += tableStatements.Count;
            }

            if (Commit)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            }

            return new SystemOutcome(systemId, Commit, null, [.. outcomes]);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            // Disposing the transaction rolled it back: the system is as it was.
            return new SystemOutcome(systemId, false, e.Message, [.. work.Select(w => Outcome(w.Table, 0))]);
        }
    }

    private IReadOnlyList<ErasureStatement> Build(SqlDialect dialect, DatabaseSchema schema, TableErasure table)
    {
        if (table.Action == TableAction.Retain)
        {
            return [];
        }

        var columns = schema.Table(table.Table);
        // A mask or a hash is text: a column the database types otherwise (an integer, a UUID) is nulled instead.
        var fields = table.Fields.Select(f => f.Strategy is ErasureStrategy.Mask or ErasureStrategy.Hash && columns?.Column(f.Column) is { Kind: not ColumnKind.Text }
            ? f with { Strategy = ErasureStrategy.Null }
            : f).ToList();
        return FieldErasure.Build(dialect, table.Table, table.KeyColumns, table.Keys, fields, _key, delete: table.Action == TableAction.Delete);
    }

    private static TableOutcome Outcome(TableErasure table, int changed) =>
        new(table.Table, table.Action, table.RowCount, changed,
            [.. table.Fields.Select(f => f.Column + ":" + Name(f.Strategy))], table.Retained, table.Note);

    /// <summary>The data map's spelling of a strategy.</summary>
    public static string Name(ErasureStrategy strategy) => strategy switch
    {
        ErasureStrategy.DeleteRow => "delete_row",
        ErasureStrategy.Null => "null",
        ErasureStrategy.Mask => "mask",
        ErasureStrategy.Hash => "hash",
        _ => "retain",
    };
}
