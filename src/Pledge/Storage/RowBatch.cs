using System.Data.Common;

namespace Pledge.Storage;

/// <summary>
/// Rows to insert into one table in one statement per batch, column by column. PostgreSQL sends each column as one
/// array and inserts <c>SELECT * FROM unnest(...)</c>; SQLite runs one prepared statement per row inside the
/// transaction. Either way the caller writes the same code.
/// </summary>
internal sealed class RowBatch(string table, params BatchColumn[] columns)
{
    public string Table { get; } = table;

    public IReadOnlyList<BatchColumn> Columns { get; } = columns;

    public int Count => Columns[0].Count;

    public void Clear()
    {
        foreach (var column in Columns)
        {
            column.Clear();
        }
    }
}

/// <summary>One column of a <see cref="RowBatch"/>.</summary>
internal abstract class BatchColumn(string name, string postgresType)
{
    public string Name { get; } = name;

    /// <summary>The PostgreSQL element type of the column's array parameter.</summary>
    public string PostgresType { get; } = postgresType;

    public abstract int Count { get; }

    public abstract object ToArray();

    public abstract void Bind(DbParameter parameter, int row);

    public abstract void Clear();
}

/// <summary>A typed column of a <see cref="RowBatch"/>.</summary>
internal sealed class BatchColumn<T>(string name, string postgresType) : BatchColumn(name, postgresType)
{
    private readonly List<T> _values = [];

    public override int Count => _values.Count;

    public void Add(T value) => _values.Add(value);

    public override object ToArray() => _values.ToArray();

    public override void Bind(DbParameter parameter, int row) => parameter.Value = (object?)_values[row] ?? DBNull.Value;

    public override void Clear() => _values.Clear();
}

/// <summary>Column factories with the PostgreSQL type each maps to.</summary>
internal static class Column
{
    public static BatchColumn<long> Long(string name) => new(name, "bigint");

    public static BatchColumn<short> Short(string name) => new(name, "smallint");

    public static BatchColumn<string?> Text(string name) => new(name, "text");

    public static BatchColumn<byte[]> Bytes(string name) => new(name, "bytea");
}
