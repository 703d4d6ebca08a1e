using System.Collections.Immutable;
using Pledge.Policy.Model;

namespace Pledge.Connectors.Graph;

/// <summary>
/// Where a data subject's rows are, planned once per policy from the data map. The rule: a row belongs to the
/// subject when an identity column of it holds one of the subject's identifiers, or when one of its references
/// points at a row that belongs to the subject — references are followed from parent to child only. A row a
/// subject's row points at (the account a support ticket names) is not the subject's through that reference;
/// it is theirs only if it matches an identifier itself. Immutable and thread-safe.
/// </summary>
public sealed class SubjectGraphPlan
{
    private SubjectGraphPlan(ImmutableArray<SystemPlan> systems, ImmutableArray<UnreachableTable> unreachable)
    {
        Systems = systems;
        Unreachable = unreachable;
    }

    /// <summary>One plan per system of the data map, in policy order.</summary>
    public ImmutableArray<SystemPlan> Systems { get; }

    /// <summary>Tables with personal data that no search can reach (the directed form of check rule PL038).</summary>
    public ImmutableArray<UnreachableTable> Unreachable { get; }

    /// <summary>The plan of the system with <paramref name="id"/>, or null.</summary>
    public SystemPlan? System(string id) => Systems.FirstOrDefault(s => s.System.Id == id);

    /// <summary>Plans the search of every system of <paramref name="policy"/>.</summary>
    public static SubjectGraphPlan Build(Policy.Model.Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var systems = ImmutableArray.CreateBuilder<SystemPlan>();
        var unreachable = ImmutableArray.CreateBuilder<UnreachableTable>();
        foreach (var system in policy.Systems)
        {
            systems.Add(PlanSystem(system, unreachable));
        }

        return new SubjectGraphPlan(systems.ToImmutable(), unreachable.ToImmutable());
    }

    private static SystemPlan PlanSystem(DataSystem system, ImmutableArray<UnreachableTable>.Builder unreachable)
    {
        var tables = system.Tables.GroupBy(t => t.Name, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var byName = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var edges = new List<PlanEdge>();
        foreach (var child in tables)
        {
            foreach (var reference in child.References)
            {
                if (byName.TryGetValue(reference.Table, out var parent))
                {
                    var target = reference.TargetColumn.Length > 0 ? reference.TargetColumn : parent.PrimaryKey[0];
                    edges.Add(new PlanEdge(child.Name, reference.Column, parent.Name, target));
                }
            }
        }

        var reachable = Reachable(tables, edges);
        foreach (var table in tables.Where(t => !reachable.Contains(t.Name) && !t.Fields.IsEmpty))
        {
            unreachable.Add(new UnreachableTable(system.Id, table));
        }

        var planned = tables.Where(t => reachable.Contains(t.Name)).ToList();
        edges = [.. edges.Where(e => reachable.Contains(e.ParentTable) && reachable.Contains(e.ChildTable))];
        var components = new StronglyConnected(planned, edges).ComponentsInDependencyOrder();
        var step = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<PlanComponent>();
        foreach (var component in components)
        {
            var members = component.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
            var outside = edges.Where(e => members.Contains(e.ChildTable) && !members.Contains(e.ParentTable)).ToList();
            var level = outside.Count == 0 ? 0 : outside.Max(e => step[e.ParentTable] + 1);
            var cycle = component.Count > 1 || edges.Any(e => e.ChildTable == e.ParentTable && members.Contains(e.ChildTable));
            var plans = ImmutableArray.CreateBuilder<TablePlan>();
            foreach (var table in component)
            {
                step[table.Name] = level;
                var links = edges.Where(e => e.ParentTable == table.Name).Select(e => e.ParentColumn).Distinct(StringComparer.Ordinal);
                plans.Add(new TablePlan(
                    table,
                    level,
                    [.. edges.Where(e => e.ChildTable == table.Name)],
                    [.. table.KnownColumns],
                    [.. links]));
            }

            result.Add(new PlanComponent(level, cycle, plans.ToImmutable()));
        }

        return new SystemPlan(system, [.. result.OrderBy(c => c.Step)]);
    }

    /// <summary>Tables reachable from a table with an identity column by following references from parent to child.</summary>
    private static HashSet<string> Reachable(List<TableMap> tables, List<PlanEdge> edges)
    {
        var reached = tables.Where(t => !t.Identity.IsEmpty).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var queue = new Queue<string>(reached);
        while (queue.TryDequeue(out var parent))
        {
            foreach (var edge in edges.Where(e => e.ParentTable == parent))
            {
                if (reached.Add(edge.ChildTable))
                {
                    queue.Enqueue(edge.ChildTable);
                }
            }
        }

        return reached;
    }
}
