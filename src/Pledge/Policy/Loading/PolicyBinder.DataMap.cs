using System.Collections.Immutable;
using Pledge.Diagnostics;
using Pledge.Policy.Model;

namespace Pledge.Policy.Loading;

internal sealed partial class PolicyBinder
{
    private DataSystem BindSystem(YNode node)
    {
        var r = new MapReader(node, "a system", diagnostics);
        var id = r.Id();
        var name = r.Text("name") ?? LocalizedText.Of(id);
        var connector = r.Enum<ConnectorKind>("connector", required: true) ?? ConnectorKind.Sqlite;
        var env = r.String("connection_env", required: true,
            missingMessage: $"system '{id}' has no 'connection_env': name the environment variable that holds its connection string (never the secret itself)") ?? "";
        if (env.Length > 0 && !IsEnvName(env))
        {
            diagnostics.Add(Rules.InvalidValue.At(r.Locations["connection_env"],
                $"'connection_env' must name an environment variable (letters, digits, '_'), not hold a connection string; got '{Redact(env)}'"));
        }

        var country = Country(r, "country");
        var description = r.Text("description");
        var tables = ImmutableArray.CreateBuilder<TableMap>();
        foreach (var item in r.Items("tables", required: true))
        {
            tables.Add(BindTable(item));
        }

        return Attach(new DataSystem(id, name, connector, env, country, description, tables.ToImmutable(), r.At), r);
    }

    private TableMap BindTable(YNode node)
    {
        var r = new MapReader(node, "a table", diagnostics);
        var name = r.String("name", required: true) ?? "";
        var subject = r.String("subject");
        var primaryKey = r.Strings("primary_key");
        if (primaryKey.IsEmpty)
        {
            primaryKey = ["id"];
        }

        var identity = ImmutableArray.CreateBuilder<IdentityColumn>();
        foreach (var item in r.Items("identity"))
        {
            var i = new MapReader(item, "an identity column", diagnostics);
            identity.Add(Attach(new IdentityColumn(i.String("column", required: true) ?? "", i.String("identifier", required: true) ?? "", i.At), i));
        }

        var references = ImmutableArray.CreateBuilder<TableReference>();
        foreach (var item in r.Items("references"))
        {
            var i = new MapReader(item, "a reference", diagnostics);
            references.Add(Attach(new TableReference(i.String("column", required: true) ?? "", i.String("table", required: true) ?? "", i.String("target_column") ?? "", i.At), i));
        }

        var timestamps = r.Strings("timestamps");
        var columns = r.Strings("columns");
        var erasure = r.Enum<ErasureStrategy>("erasure") ?? ErasureStrategy.DeleteRow;
        var hold = r.String("hold");
        var fields = ImmutableArray.CreateBuilder<FieldMap>();
        foreach (var item in r.Items("fields"))
        {
            var f = new MapReader(item, "a field", diagnostics);
            var column = f.String("column", required: true) ?? "";
            var category = f.String("category", required: true) ?? "";
            var strategy = f.Enum<ErasureStrategy>("erasure") ?? (erasure == ErasureStrategy.Retain ? ErasureStrategy.Retain : erasure);
            fields.Add(Attach(new FieldMap(column, category, strategy, f.String("hold") ?? (strategy == ErasureStrategy.Retain ? hold : null), f.At), f));
        }

        return Attach(new TableMap(name, subject, primaryKey, identity.ToImmutable(), references.ToImmutable(), timestamps, fields.ToImmutable(), columns, erasure, hold, r.At), r);
    }

    private static bool IsEnvName(string s) =>
        s.Length is > 0 and <= 128 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Never echo what may be a secret: show its shape only.</summary>
    private static string Redact(string s) => s.Length <= 4 ? new string('*', s.Length) : $"{s[..2]}…({s.Length} characters)";
}
