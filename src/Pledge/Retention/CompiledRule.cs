using System.Collections.Immutable;
using Pledge.Policy.Model;

namespace Pledge.Retention;

/// <summary>
/// A retention rule the planner resolved against the data map: its table, key column, anchor, conditions, the fields
/// its action touches and the tables a delete cascades to. Immutable; <see cref="RetentionSql"/> turns it into SQL.
/// </summary>
/// <param name="KeyColumn">The table's single-column primary key: batches walk it in order (keyset pagination).</param>
/// <param name="AnchorReference">For an anchor on a referenced table: the reference from the rule's table to it.</param>
/// <param name="FieldActions">For anonymise and minimise: each field and what happens to it.</param>
/// <param name="Cascade">For delete: tables of the same system whose rows refer to the deleted rows, deleted first (children before parents).</param>
public sealed record CompiledRule(
    RetentionRule Rule,
    DataSystem System,
    TableMap Table,
    string KeyColumn,
    TableReference? AnchorReference,
    TableMap? AnchorTable,
    ImmutableArray<FieldMap> FieldActions,
    ImmutableArray<CascadeStep> Cascade)
{
    /// <summary>The rule's id.</summary>
    public string Id => Rule.Id;

    /// <summary>The action: delete, anonymise or minimise.</summary>
    public RetentionAction Action => Rule.Action;
}

/// <summary>
/// One table a delete cascades to: the rows of <see cref="Table"/> whose <see cref="Column"/> points at a row being
/// deleted from <see cref="Parent"/> (the parent's <see cref="ParentKey"/>).
/// </summary>
public sealed record CascadeStep(TableMap Table, string Column, CascadeStep? Parent, string ParentTable, string ParentKey);
