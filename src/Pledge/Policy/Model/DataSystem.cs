using System.Collections.Immutable;
using Pledge.Diagnostics;

namespace Pledge.Policy.Model;

/// <summary>Which kind of database a system is reached through.</summary>
public enum ConnectorKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A system that holds personal data: one database of the data map. The connection string is never in
/// the policy; <see cref="ConnectionEnv"/> names the environment variable that holds it.
/// </summary>
public sealed record DataSystem(
    string Id,
    LocalizedText Name,
    ConnectorKind Connector,
    string ConnectionEnv,
    string? Country,
    LocalizedText? Description,
    ImmutableArray<TableMap> Tables,
    SourceLocation At)
{
    /// <summary>The table named <paramref name="name"/>, or null.</summary>
    public TableMap? Table(string name)
    {
        foreach (var table in Tables)
        {
            if (table.Name == name)
            {
                return table;
            }
        }

        return null;
    }
}

/// <summary>A table of the data map: how its rows link to a subject and which fields are personal data.</summary>
/// <param name="Subject">The kind of data subject the rows describe (a taxonomy subject key), if one.</param>
/// <param name="Identity">Columns that hold a subject identifier directly.</param>
/// <param name="References">Columns that point at rows of another table (foreign keys).</param>
/// <param name="Timestamps">Timestamp columns that retention rules may anchor on.</param>
/// <param name="Fields">Personal-data fields with their category and erasure strategy.</param>
/// <param name="Columns">Other columns retention conditions may test (status, kind, source): not personal data.</param>
/// <param name="Erasure">What erasure does with a row as a whole: delete it (default) or keep it and treat fields one by one.</param>
public sealed record TableMap(
    string Name,
    string? Subject,
    ImmutableArray<string> PrimaryKey,
    ImmutableArray<IdentityColumn> Identity,
    ImmutableArray<TableReference> References,
    ImmutableArray<string> Timestamps,
    ImmutableArray<FieldMap> Fields,
    ImmutableArray<string> Columns,
    ErasureStrategy Erasure,
    string? Hold,
    SourceLocation At)
{
    /// <summary>The personal-data field for <paramref name="column"/>, or null.</summary>
    public FieldMap? Field(string column)
    {
        foreach (var field in Fields)
        {
            if (field.Column == column)
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>Every column the data map mentions for this table.</summary>
    public IEnumerable<string> KnownColumns =>
        PrimaryKey.Concat(Identity.Select(i => i.Column)).Concat(References.Select(r => r.Column))
            .Concat(Timestamps).Concat(Fields.Select(f => f.Column)).Concat(Columns).Distinct(StringComparer.Ordinal);
}

/// <summary>A column that holds a subject identifier of the given kind (a taxonomy identifier key, e.g. <c>email</c>).</summary>
public sealed record IdentityColumn(string Column, string Identifier, SourceLocation At);

/// <summary>A column whose value is the key of a row in <see cref="Table"/> (its <see cref="TargetColumn"/>).</summary>
public sealed record TableReference(string Column, string Table, string TargetColumn, SourceLocation At);

/// <summary>A personal-data field: its category and what erasure does to it.</summary>
/// <param name="Hold">The legal hold that keeps the field, where <see cref="Erasure"/> is <see cref="ErasureStrategy.Retain"/>.</param>
public sealed record FieldMap(string Column, string Category, ErasureStrategy Erasure, string? Hold, SourceLocation At);
