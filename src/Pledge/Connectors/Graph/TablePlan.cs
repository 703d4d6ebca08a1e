using System.Collections.Immutable;
using Pledge.Policy.Model;

namespace Pledge.Connectors.Graph;

/// <summary>How one table is searched for a subject's rows: by its identity columns, and by its references to tables searched before it.</summary>
/// <param name="Step">Tables of one step depend only on earlier steps, so they are read together (one round trip on PostgreSQL).</param>
/// <param name="Parents">This table's references to planned tables: a row belongs to the subject when one of them points at a row of the subject.</param>
/// <param name="Columns">What is read for an access export: every column the data map names, the primary key first.</param>
/// <param name="LinkColumns">Columns of this table that other tables reference: their values are the keys of the next steps.</param>
public sealed record TablePlan(
    TableMap Table,
    int Step,
    ImmutableArray<PlanEdge> Parents,
    ImmutableArray<string> Columns,
    ImmutableArray<string> LinkColumns)
{
    /// <summary>The table's name in the data map.</summary>
    public string Name => Table.Name;

    /// <summary>What is read when only keys are wanted (erasure, retention): the primary key and the link columns.</summary>
    public ImmutableArray<string> KeyColumns { get; } = [.. Table.PrimaryKey.Concat(LinkColumns).Distinct(StringComparer.Ordinal)];
}

/// <summary>A reference followed from parent to child: rows of <see cref="ChildTable"/> whose <see cref="ChildColumn"/> holds a <see cref="ParentColumn"/> value of a found <see cref="ParentTable"/> row.</summary>
public sealed record PlanEdge(string ChildTable, string ChildColumn, string ParentTable, string ParentColumn);

/// <summary>
/// Tables searched together: one table, or several whose references form a cycle (including a table that
/// references itself). A cycle is searched to a fixed point: each round follows the references from the
/// rows the previous round found, and stops when a round finds nothing new.
/// </summary>
public sealed record PlanComponent(int Step, bool IsCycle, ImmutableArray<TablePlan> Tables);

/// <summary>A table with personal-data fields that no reference path links to a table with an identity column.</summary>
public sealed record UnreachableTable(string SystemId, TableMap Table);

/// <summary>The search plan of one system: its components in dependency order.</summary>
public sealed record SystemPlan(DataSystem System, ImmutableArray<PlanComponent> Components)
{
    /// <summary>Every planned table, in the order they are searched.</summary>
    public IEnumerable<TablePlan> Tables => Components.SelectMany(c => c.Tables);

    /// <summary>The number of steps (round trips on PostgreSQL) a full search takes, cycles counting one each round.</summary>
    public int Steps => Components.IsEmpty ? 0 : Components.Max(c => c.Step) + 1;
}
