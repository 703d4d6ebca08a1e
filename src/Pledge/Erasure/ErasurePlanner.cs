using System.Collections.Immutable;
using Pledge.Connectors.Graph;
using Pledge.Connectors.Locating;
using Pledge.Policy.Model;

namespace Pledge.Erasure;

/// <summary>
/// Turns a subject's located rows into an <see cref="ErasurePlan"/>, reading the data map only:
/// <list type="bullet">
/// <item>A table under a hold (<c>erasure: retain</c>, <c>hold:</c>) is retained whole and reported with the hold's reason.</item>
/// <item>A table whose strategy is <c>delete_row</c> has its rows deleted, unless a retained table references it: a held
/// invoice must still point at its account, so the account row is kept and anonymised field by field instead (fields
/// whose own strategy is <c>delete_row</c> become NULL), and the plan says so.</item>
/// <item>Any other table keeps its rows; each field gets its own strategy; <c>retain</c> fields are reported with their hold.</item>
/// </list>
/// Statements run anonymisations first (in search order), then deletes from children to parents, so no delete
/// ever leaves a found row pointing at a deleted one.
/// </summary>
public static class ErasurePlanner
{
    /// <summary>The plan for <paramref name="rows"/> (located with <see cref="LocateMode.KeysOnly"/> or <see cref="LocateMode.Values"/>).</summary>
    public static ErasurePlan Plan(Policy.Model.Policy policy, SubjectGraphPlan graph, SubjectRows rows)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(rows);
        var result = ImmutableArray.CreateBuilder<TableErasure>();
        foreach (var system in graph.Systems)
        {
            var order = system.Tables.Select((t, i) => (t.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
            var found = rows.Tables.Where(t => t.SystemId == system.System.Id && t.Rows.Length > 0).ToList();
            var keptBy = KeptRows(found.Select(t => t.Table).ToList());
            foreach (var located in found)
            {
                var table = located.Table;
                var keys = located.Rows.Select(r => r.Key).Distinct().ToImmutableArray();
                var position = order.GetValueOrDefault(table.Name);
                if (IsRetained(table))
                {
                    var hold = table.Hold ?? table.Fields.Select(f => f.Hold).FirstOrDefault(h => h is not null) ?? "";
                    result.Add(new TableErasure(system.System.Id, table.Name, TableAction.Retain, position, table.PrimaryKey, keys, [],
                        [.. table.Fields.Select(f => new RetainedField(f.Column, f.Hold ?? hold, Reason(policy, f.Hold ?? hold)))], null));
                    continue;
                }

                var keptFor = keptBy.GetValueOrDefault(table.Name);
                if (table.Erasure == ErasureStrategy.DeleteRow && keptFor is null)
                {
                    // Deletes run after every anonymisation, children (later in search order) first.
                    result.Add(new TableErasure(system.System.Id, table.Name, TableAction.Delete, 10_000 + (order.Count - position), table.PrimaryKey, keys, [], [], null));
                    continue;
                }

                var fields = table.Fields
                    .Where(f => f.Erasure != ErasureStrategy.Retain)
                    .Select(f => new FieldAction(f.Column, f.Erasure == ErasureStrategy.DeleteRow ? ErasureStrategy.Null : f.Erasure))
                    .ToImmutableArray();
                var note = table.Erasure == ErasureStrategy.DeleteRow ? $"rows kept and anonymised instead of deleted: {keptFor}" : null;
                result.Add(new TableErasure(system.System.Id, table.Name, TableAction.Anonymise, position, table.PrimaryKey, keys, fields,
                    [.. RetainedFields(policy, table)], note));
            }
        }

        return new ErasurePlan(result.ToImmutable(), rows.Unsearched);
    }

    /// <summary>
    /// Tables whose strategy is to delete rows but whose rows must stay, with why: a field is held, or a kept table
    /// (retained or anonymised) references them. Followed to a fixed point, as keeping a row can keep its parents.
    /// </summary>
    private static Dictionary<string, string> KeptRows(List<TableMap> tables)
    {
        var kept = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => t.Erasure == ErasureStrategy.DeleteRow && !IsRetained(t)))
        {
            if (table.Fields.FirstOrDefault(f => f.Erasure == ErasureStrategy.Retain) is { } held)
            {
                kept[table.Name] = $"field '{held.Column}' is held ({held.Hold ?? table.Hold})";
            }
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var child in tables.Where(t => t.Erasure != ErasureStrategy.DeleteRow || kept.ContainsKey(t.Name) || IsRetained(t)))
            {
                foreach (var reference in child.References)
                {
                    var parent = tables.FirstOrDefault(t => t.Name == reference.Table);
                    if (parent is not null && parent.Erasure == ErasureStrategy.DeleteRow && !IsRetained(parent) && !kept.ContainsKey(parent.Name))
                    {
                        kept[parent.Name] = $"kept rows of '{child.Name}' reference them";
                        changed = true;
                    }
                }
            }
        }

        return kept;
    }

    private static bool IsRetained(TableMap table) =>
        table.Erasure == ErasureStrategy.Retain || (table.Hold is not null && table.Fields.All(f => f.Erasure == ErasureStrategy.Retain));

    private static IEnumerable<RetainedField> RetainedFields(Policy.Model.Policy policy, TableMap table) =>
        table.Fields.Where(f => f.Erasure == ErasureStrategy.Retain)
            .Select(f => new RetainedField(f.Column, f.Hold ?? table.Hold ?? "", Reason(policy, f.Hold ?? table.Hold)));

    private static string Reason(Policy.Model.Policy policy, string? hold) =>
        hold is not null && policy.LegalHold(hold) is { } h ? h.Reason.Default : "kept as the data map says";
}
