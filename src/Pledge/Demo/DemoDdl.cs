using Pledge.Connectors;

namespace Pledge.Demo;

/// <summary>
/// The demo tables' DDL. Tables are created bare and loaded first; keys, indexes and foreign keys follow the
/// load, as a DBA restoring a dump would do it: building an index once over sorted input is several times
/// faster than maintaining it row by row, and the foreign keys then check the whole load at once.
/// </summary>
internal static class DemoDdl
{
    /// <summary>
    /// The table's name as the loading connection sees it: in <paramref name="schema"/> on PostgreSQL (a schema
    /// per system), bare in a system's own SQLite file (<paramref name="schema"/> null).
    /// </summary>
    public static string Name(DemoTable table, string? schema) =>
        schema is null ? Q(table.Name) : SqlDialect.QuoteTable(schema + "." + table.Name);

    public static string CreateTable(DemoTable table, string? schema)
    {
        var columns = table.Columns.Select(c => $"{Q(c.Name)} {TypeOf(c, schema is not null)}");
        return $"CREATE TABLE {Name(table, schema)} ({string.Join(", ", columns)})";
    }

    public static IEnumerable<string> AfterLoad(DemoTable table, string? schema)
    {
        var postgres = schema is not null;
        var name = Name(table, schema);
        if (postgres)
        {
            yield return $"ALTER TABLE {name} ADD CONSTRAINT {Q("pk_" + table.Name)} PRIMARY KEY ({Q("id")})";
        }

        foreach (var column in table.UniqueIndexes)
        {
            yield return $"CREATE UNIQUE INDEX {Q("ux_" + table.Name + "_" + column)} ON {name} ({Q(column)})";
        }

        foreach (var column in table.Indexes)
        {
            yield return $"CREATE INDEX {Q("ix_" + table.Name + "_" + column)} ON {name} ({Q(column)})";
        }

        if (postgres)
        {
            foreach (var column in table.Columns.Where(c => c.References is not null))
            {
                var target = SqlDialect.QuoteTable(schema + "." + column.References);
                yield return $"ALTER TABLE {name} ADD CONSTRAINT {Q("fk_" + table.Name + "_" + column.Name)} FOREIGN KEY ({Q(column.Name)}) REFERENCES {target} ({Q("id")})";
            }
        }
    }

    private static string TypeOf(DemoColumn column, bool postgres) => (column.Type, postgres) switch
    {
        (DemoType.Id, true) => "bigint NOT NULL",
        (DemoType.Id, false) => "INTEGER PRIMARY KEY",
        (DemoType.Ref, true) => "bigint",
        (DemoType.Ref, false) => $"INTEGER REFERENCES {Q(column.References!)} ({Q("id")})",
        (DemoType.Text, true) => "text",
        (DemoType.Time, true) => "timestamptz",
        (DemoType.Bool, true) => "boolean",
        (DemoType.Int, true) => "bigint",
        (DemoType.Int or DemoType.Bool, false) => "INTEGER",
        _ => "TEXT",
    };

    public static string Quote(string name) => SqlDialect.QuoteIdentifier(name);

    private static string Q(string name) => SqlDialect.QuoteIdentifier(name);
}
