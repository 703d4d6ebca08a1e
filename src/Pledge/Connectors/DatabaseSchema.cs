using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Pledge.Connectors;

/// <summary>What a database holds of the tables a data map names: their columns and indexes. Tables that do not exist are absent.</summary>
public sealed class DatabaseSchema
{
    private readonly FrozenDictionary<string, TableSchema> _tables;

    /// <summary>Creates a schema from the tables found.</summary>
    public DatabaseSchema(IEnumerable<TableSchema> tables) =>
        _tables = tables.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>The tables found, by the name the data map gives them.</summary>
    public IEnumerable<TableSchema> Tables => _tables.Values;

    /// <summary>The table the data map calls <paramref name="name"/>, or null when the database has no such table.</summary>
    public TableSchema? Table(string name) => _tables.GetValueOrDefault(name);
}

/// <summary>A table as the database has it.</summary>
/// <param name="Name">The name the data map gives it (<c>table</c> or <c>schema.table</c>).</param>
/// <param name="Indexes">Each index's key columns in order; an expression is <c>null</c>. Partial indexes are left out.</param>
public sealed record TableSchema(string Name, ImmutableArray<ColumnSchema> Columns, ImmutableArray<ImmutableArray<string?>> Indexes)
{
    /// <summary>The column named <paramref name="name"/> (exact spelling), or null.</summary>
    public ColumnSchema? Column(string name)
    {
        foreach (var column in Columns)
        {
            if (column.Name == name)
            {
                return column;
            }
        }

        return null;
    }

    /// <summary>Whether some index starts with <paramref name="column"/>, so an equality lookup on it needs no scan.</summary>
    public bool HasIndexLedBy(string column) => Indexes.Any(i => i.Length > 0 && i[0] == column);
}

/// <summary>A column: its name, the database's type name, and the kind of value it compares with.</summary>
public sealed record ColumnSchema(string Name, string DataType, ColumnKind Kind);

/// <summary>What a subject identifier typed as text must be turned into before it is compared with a column.</summary>
public enum ColumnKind
{
    /// <summary>Text, or a type compared as text.</summary>
    Text,
    /// <summary>An integer type: identifiers are parsed as 64-bit integers.</summary>
    Integer,
    /// <summary>A UUID: identifiers are parsed as GUIDs.</summary>
    Uuid,
}
