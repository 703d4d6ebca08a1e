using System.Collections.Immutable;
using Pledge.Connectors.Locating;

namespace Pledge.Erasure;

/// <summary>What erasure does with the subject's rows of one table.</summary>
public enum TableAction
{
    /// <summary>The rows are deleted.</summary>
    Delete,
    /// <summary>The rows stay; their fields are nulled, masked or hashed as the data map says.</summary>
    Anonymise,
    /// <summary>The rows stay unchanged under a legal hold.</summary>
    Retain,
}

/// <summary>A field kept unchanged, and why.</summary>
/// <param name="Hold">The legal hold's id.</param>
/// <param name="Reason">The hold's reason, in the policy's default language.</param>
public sealed record RetainedField(string Column, string Hold, string Reason);

/// <summary>The erasure of one table's rows of the subject.</summary>
/// <param name="Order">Position in the system's statement order: anonymisations first in search order, then deletes children before parents.</param>
/// <param name="Keys">The primary keys of the subject's rows.</param>
/// <param name="Fields">What is done to each field (empty for a delete or a retained table).</param>
/// <param name="Retained">Fields kept under a hold, with the reason.</param>
/// <param name="Note">Why the action differs from the table's own strategy (a delete turned into an anonymisation), or null.</param>
public sealed record TableErasure(
    string SystemId,
    string Table,
    TableAction Action,
    int Order,
    ImmutableArray<string> KeyColumns,
    ImmutableArray<RowKey> Keys,
    ImmutableArray<FieldAction> Fields,
    ImmutableArray<RetainedField> Retained,
    string? Note)
{
    /// <summary>The number of the subject's rows in the table.</summary>
    public int RowCount => Keys.Length;
}

/// <summary>Everything an erasure changes and keeps, system by system, tables in statement order.</summary>
public sealed record ErasurePlan(ImmutableArray<TableErasure> Tables, ImmutableArray<string> Unsearched)
{
    /// <summary>The systems with something to erase or keep, in plan order.</summary>
    public IEnumerable<string> Systems => Tables.Select(t => t.SystemId).Distinct(StringComparer.Ordinal);

    /// <summary>The plan without <paramref name="systems"/> (done by an earlier run): neither erased nor reported unsearched.</summary>
    public ErasurePlan Without(IReadOnlySet<string> systems) =>
        systems.Count == 0 ? this : new([.. Tables.Where(t => !systems.Contains(t.SystemId))], [.. Unsearched.Where(s => !systems.Contains(s))]);

    /// <summary>The tables of <paramref name="system"/>, in statement order.</summary>
    public IEnumerable<TableErasure> Of(string system) => Tables.Where(t => t.SystemId == system).OrderBy(t => t.Order);
}
