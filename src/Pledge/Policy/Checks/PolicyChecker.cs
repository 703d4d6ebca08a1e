using System.Text.RegularExpressions;
using Pledge.Diagnostics;
using Pledge.Policy.Loading;

namespace Pledge.Policy.Checks;

/// <summary>
/// The semantic checks of <c>pledge check</c>: references, ids, the data map and the GDPR rules a privacy lead
/// would otherwise check by hand. Runs on a bound model and adds diagnostics; never throws for bad policies.
/// </summary>
internal sealed partial class PolicyChecker(Model.Policy policy, SourceMap map, List<Diagnostic> diagnostics)
{
    public static void Run(Model.Policy policy, SourceMap map, List<Diagnostic> diagnostics)
    {
        var checker = new PolicyChecker(policy, map, diagnostics);
        checker.CheckDuplicates();
        checker.CheckTaxonomy();
        checker.CheckDataMap();
        checker.CheckActivities();
        checker.CheckRetention();
        checker.CheckCookies();
        checker.CheckProcessors();
        checker.CheckNotice();
    }

    private void Report(DiagnosticRule rule, object owner, string key, SourceLocation fallback, string message, int index = -1) =>
        diagnostics.Add(rule.At(map.Locate(owner, key, fallback, index), message));

    private void Report(DiagnosticRule rule, DiagnosticSeverity severity, object owner, string key, SourceLocation fallback, string message, int index = -1) =>
        diagnostics.Add(rule.At(map.Locate(owner, key, fallback, index), severity, message));

    private void CheckDuplicates()
    {
        var defaults = PolicyLoader.DefaultTaxonomy;
        Unique(policy.Activities, a => a.Id, a => a.At, "activity");
        Unique(policy.Systems, s => s.Id, s => s.At, "system");
        Unique(policy.Retention, r => r.Id, r => r.At, "retention rule");
        Unique(policy.LegalHolds, h => h.Id, h => h.At, "legal hold");
        Unique(policy.Events, e => e.Id, e => e.At, "event");
        Unique(policy.Processors, p => p.Id, p => p.At, "processor");
        Unique(policy.Cookies.Items, c => c.Name, c => c.At, "cookie");
        foreach (var system in policy.Systems)
        {
            Unique(system.Tables, t => t.Name, t => t.At, $"table in system '{system.Id}'");
            foreach (var table in system.Tables)
            {
                Unique(table.Fields, f => f.Column, f => f.At, $"field of table '{table.Name}'");
            }
        }

        UniqueTaxonomy(policy.Taxonomy.Categories, defaults.Categories.Count, c => c.Key, "data category");
        UniqueTaxonomy(policy.Taxonomy.Purposes, defaults.Purposes.Count, c => c.Key, "purpose");
        UniqueTaxonomy(policy.Taxonomy.Subjects, defaults.Subjects.Count, c => c.Key, "data subject");
        UniqueTaxonomy(policy.Taxonomy.Identifiers, defaults.Identifiers.Count, c => c.Key, "identifier");
        UniqueTaxonomy(policy.Taxonomy.CookieCategories, defaults.CookieCategories.Count, c => c.Key, "cookie category");
    }

    private void Unique<T>(IEnumerable<T> items, Func<T, string> key, Func<T, SourceLocation> at, string what) where T : notnull
    {
        var first = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var k = key(item);
            if (first.TryGetValue(k, out var earlier))
            {
                diagnostics.Add(Rules.DuplicateId.At(at(item), $"duplicate {what} '{k}' (first defined at {earlier})"));
            }
            else
            {
                first[k] = at(item);
            }
        }
    }

    private void UniqueTaxonomy<T>(IReadOnlyList<T> items, int defaultCount, Func<T, string> key, string what) where T : notnull
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            if (!seen.Add(key(items[i])) && i >= defaultCount)
            {
                var message = items.Take(defaultCount).Any(d => key(d) == key(items[i]))
                    ? $"{what} '{key(items[i])}' is already defined by Pledge's default taxonomy; use it as it is"
                    : $"duplicate {what} '{key(items[i])}'";
                diagnostics.Add(Rules.DuplicateId.At(map.Locate(items[i], "key", default), message));
            }
        }
    }

    private static bool IsPlainIdentifier(string name) => PlainIdentifier().IsMatch(name);

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainIdentifier();
}
