using System.Globalization;
using System.Text;

namespace Pledge.Connectors;

/// <summary>
/// How a database spells identifiers, parameters and "column matches one of these keys". Both dialects quote
/// identifiers with double quotes; they differ in parameters (<c>$1</c> positional on PostgreSQL, <c>$p0</c>
/// named on SQLite) and key lists (one array parameter with <c>= ANY($1)</c> on PostgreSQL, a bounded
/// <c>IN (...)</c> list on SQLite, whose default limit on host parameters is 32,766 but whose planner
/// is happiest with short lists). Instances are immutable and shared.
/// </summary>
public sealed class SqlDialect
{
    private SqlDialect(string name, bool arrays, int maxKeysPerQuery)
    {
        Name = name;
        UsesArrays = arrays;
        MaxKeysPerQuery = maxKeysPerQuery;
    }

    /// <summary>PostgreSQL: <c>$n</c> parameters, keys as one array.</summary>
    public static SqlDialect Postgres { get; } = new("postgres", arrays: true, maxKeysPerQuery: 50_000);

    /// <summary>SQLite: <c>$pn</c> parameters, keys as <c>IN</c> lists of at most 500 parameters per statement.</summary>
    public static SqlDialect Sqlite { get; } = new("sqlite", arrays: false, maxKeysPerQuery: 500);

    /// <summary>The dialect's name, as in the policy's <c>connector</c>.</summary>
    public string Name { get; }

    /// <summary>Whether a key list is bound as one array parameter (<c>= ANY($1)</c>).</summary>
    public bool UsesArrays { get; }

    /// <summary>The most keys one statement carries; longer key lists are split over several statements.</summary>
    public int MaxKeysPerQuery { get; }

    /// <summary>Whether <paramref name="name"/> is a plain identifier: ASCII letters, digits and '_', not starting with a digit, at most 63 characters.</summary>
    public static bool IsPlainIdentifier(string name) =>
        name.Length is > 0 and <= 63 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>
    /// Quotes a column name. Names come from a checked policy, so they are plain identifiers (PL032); quoting
    /// is the second guard, and a name that is not plain is a bug, refused with an exception.
    /// </summary>
    public static string QuoteIdentifier(string name)
    {
        if (!IsPlainIdentifier(name))
        {
            throw new ArgumentException($"'{name}' is not a plain SQL identifier", nameof(name));
        }

        return "\"" + name + "\"";
    }

    /// <summary>Quotes a table name, <c>table</c> or <c>schema.table</c>, part by part.</summary>
    public static string QuoteTable(string name)
    {
        var parts = name.Split('.');
        if (parts.Length > 2)
        {
            throw new ArgumentException($"'{name}' is not a table name (table or schema.table)", nameof(name));
        }

        return string.Join('.', parts.Select(QuoteIdentifier));
    }

    /// <summary>Splits <c>schema.table</c> into its schema (or null) and table.</summary>
    public static (string? Schema, string Table) SplitTable(string name) =>
        name.IndexOf('.', StringComparison.Ordinal) is var dot and > 0 ? (name[..dot], name[(dot + 1)..]) : (null, name);

    /// <summary>Adds <paramref name="value"/> to <paramref name="parameters"/> and returns its placeholder.</summary>
    public string Parameter(List<object> parameters, object value)
    {
        parameters.Add(value);
        return UsesArrays
            ? "$" + parameters.Count.ToString(CultureInfo.InvariantCulture)
            : "$p" + (parameters.Count - 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Appends "<paramref name="column"/> is one of <paramref name="keys"/>": <c>"col" = ANY($1)</c> with one typed
    /// array, or <c>"col" IN ($p0, $p1, ...)</c>. <paramref name="keys"/> is non-empty, without nulls, one CLR type.
    /// </summary>
    public void AppendKeyMatch(StringBuilder sql, List<object> parameters, string column, IReadOnlyList<object> keys)
    {
        sql.Append(QuoteIdentifier(column));
        if (UsesArrays)
        {
            sql.Append(" = ANY(").Append(Parameter(parameters, ToTypedArray(keys))).Append(')');
            return;
        }

        sql.Append(" IN (");
        for (var i = 0; i < keys.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(Parameter(parameters, keys[i]));
        }

        sql.Append(')');
    }

    /// <summary>A <c>long[]</c>, <c>string[]</c>, ... of the keys' own type, so the driver sends a typed array.</summary>
    private static Array ToTypedArray(IReadOnlyList<object> keys)
    {
        var type = keys[0].GetType();
        var array = Array.CreateInstance(type, keys.Count);
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i].GetType() != type)
            {
                throw new InvalidOperationException($"keys of one column must share a type; got {type.Name} and {keys[i].GetType().Name}");
            }

            array.SetValue(keys[i], i);
        }

        return array;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
