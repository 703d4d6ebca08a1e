using System.Data.Common;
using SQLitePCL;

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

    /// <summary>Binds the value of <paramref name="row"/> to a SQLite statement by position (1-based), with no name lookup.</summary>
    public abstract int Bind(sqlite3_stmt statement, int index, int row);

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

    public override int Bind(sqlite3_stmt statement, int index, int row) => _values[row] switch
    {
        null => raw.sqlite3_bind_null(statement, index),
        long value => raw.sqlite3_bind_int64(statement, index, value),
        short value => raw.sqlite3_bind_int(statement, index, value),
        string value => raw.sqlite3_bind_text(statement, index, value),
        byte[] value => raw.sqlite3_bind_blob(statement, index, value),
        var other => throw new NotSupportedException($"no SQLite binding for {other.GetType().Name}"),
    };

    public override void Clear() => _values.Clear();
}

/// <summary>A row returned by an insert's RETURNING clause, whichever dialect produced it.</summary>
internal abstract class ReturnedRow
{
    public abstract string GetString(int ordinal);

    public abstract long GetInt64(int ordinal);

    /// <summary>A returned row read from an ADO.NET reader (PostgreSQL).</summary>
    public sealed class FromReader(DbDataReader reader) : ReturnedRow
    {
        public override string GetString(int ordinal) => reader.GetString(ordinal);

        public override long GetInt64(int ordinal) => reader.GetInt64(ordinal);
    }

    /// <summary>A returned row read from a SQLite statement.</summary>
    public sealed class FromStatement(sqlite3_stmt statement) : ReturnedRow
    {
        public override string GetString(int ordinal) => raw.sqlite3_column_text(statement, ordinal).utf8_to_string();

        public override long GetInt64(int ordinal) => raw.sqlite3_column_int64(statement, ordinal);
    }
}

/// <summary>Column factories with the PostgreSQL type each maps to.</summary>
internal static class Column
{
    public static BatchColumn<long> Long(string name) => new(name, "bigint");

    public static BatchColumn<short> Short(string name) => new(name, "smallint");

    public static BatchColumn<string?> Text(string name) => new(name, "text");

    public static BatchColumn<byte[]> Bytes(string name) => new(name, "bytea");
}
