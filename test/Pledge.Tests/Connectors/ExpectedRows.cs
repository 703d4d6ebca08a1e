using System.Globalization;
using Pledge.Connectors.Locating;
using Pledge.Policy.Model;

namespace Pledge.Tests.Connectors;

/// <summary>
/// The search rule computed the slow, obvious way, independently of the plan: start from rows whose identity
/// column equals an identifier, then add any row whose reference value is the target value of a found row, until
/// nothing changes. Works on full table dumps in memory.
/// </summary>
internal static class ExpectedRows
{
    public static Dictionary<string, HashSet<string>> Of(DataSystem system, Dictionary<string, List<Dictionary<string, object?>>> dump, IReadOnlyList<SubjectIdentifier> identifiers)
    {
        var found = system.Tables.ToDictionary(t => t.Name, _ => new HashSet<int>());
        foreach (var table in system.Tables)
        {
            var rows = dump[table.Name];
            for (var r = 0; r < rows.Count; r++)
            {
                if (table.Identity.Any(i => identifiers.Any(s => s.Kind == i.Identifier && Text(rows[r][i.Column]) == s.Value)))
                {
                    found[table.Name].Add(r);
                }
            }
        }

        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var table in system.Tables)
            {
                foreach (var reference in table.References)
                {
                    var parent = system.Table(reference.Table)!;
                    var target = reference.TargetColumn.Length > 0 ? reference.TargetColumn : parent.PrimaryKey[0];
                    var values = found[parent.Name].Select(r => Text(dump[parent.Name][r][target])).OfType<string>().ToHashSet();
                    var rows = dump[table.Name];
                    for (var r = 0; r < rows.Count; r++)
                    {
                        if (Text(rows[r][reference.Column]) is { } value && values.Contains(value) && found[table.Name].Add(r))
                        {
                            changed = true;
                        }
                    }
                }
            }
        }

        return found.Where(f => f.Value.Count > 0).ToDictionary(
            f => f.Key,
            f => f.Value.Select(r => Text(dump[f.Key][r]["id"])!).ToHashSet());
    }

    /// <summary>The keys a search returned, per table, in the same form.</summary>
    public static Dictionary<string, HashSet<string>> Keys(SubjectRows rows, string system) =>
        rows.Tables.Where(t => t.SystemId == system).ToDictionary(t => t.Table.Name, t => t.Rows.Select(r => r.Key.ToString()).ToHashSet());

    public static string? Text(object? value) => value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
}
