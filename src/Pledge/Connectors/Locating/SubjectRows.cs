using System.Collections.Immutable;
using Pledge.Policy.Model;

namespace Pledge.Connectors.Locating;

/// <summary>Every row found for a subject, by system and table, and the systems that could not be searched.</summary>
/// <param name="Tables">Tables with at least one of the subject's rows, in data-map order.</param>
/// <param name="Unsearched">Systems of the plan for which no connector was given: the result says nothing about them.</param>
public sealed record SubjectRows(ImmutableArray<LocatedTable> Tables, ImmutableArray<string> Unsearched)
{
    /// <summary>The number of rows found in all tables.</summary>
    public int RowCount => Tables.Sum(t => t.Rows.Length);

    /// <summary>The rows found in <paramref name="table"/> of <paramref name="system"/>, or null when there are none.</summary>
    public LocatedTable? Table(string system, string table) =>
        Tables.FirstOrDefault(t => t.SystemId == system && t.Table.Name == table);
}

/// <summary>A subject's rows in one table: their keys and the values of <see cref="Columns"/>.</summary>
public sealed record LocatedTable(string SystemId, TableMap Table, ImmutableArray<string> Columns, ImmutableArray<LocatedRow> Rows)
{
    /// <summary>The position of <paramref name="column"/> in <see cref="Columns"/>, or -1.</summary>
    public int IndexOf(string column) => Columns.IndexOf(column, StringComparer.Ordinal);

    /// <summary>The value of <paramref name="column"/> in <paramref name="row"/>; null for SQL NULL.</summary>
    public object? Value(LocatedRow row, string column)
    {
        ArgumentNullException.ThrowIfNull(row);
        var index = IndexOf(column);
        return index < 0 ? throw new ArgumentException($"column '{column}' was not read from '{Table.Name}'", nameof(column)) : row.Values[index];
    }
}

/// <summary>One row: its primary key and its values in the order of <see cref="LocatedTable.Columns"/> (null for SQL NULL).</summary>
public sealed record LocatedRow(RowKey Key, ImmutableArray<object?> Values);

/// <summary>What is read of each row found.</summary>
public enum LocateMode
{
    /// <summary>Every column the data map names: for access and portability exports.</summary>
    Values,
    /// <summary>Only the primary key and the columns other tables reference: for erasure and restriction.</summary>
    KeysOnly,
}
