using Pledge.Diagnostics;
using Pledge.Policy.Model;

namespace Pledge.Policy.Checks;

internal sealed partial class PolicyChecker
{
    private void CheckTaxonomy()
    {
        foreach (var category in policy.Taxonomy.Categories)
        {
            if (category.Parent is { } parent && policy.Category(parent) is null)
            {
                Report(Rules.UnknownReference, category, "key", default, $"data category '{category.Key}' has no parent '{parent}': define it first");
            }
        }
    }

    private void CheckDataMap()
    {
        foreach (var system in policy.Systems)
        {
            foreach (var table in system.Tables)
            {
                CheckTable(system, table);
            }

            CheckReachability(system);
        }
    }

    private void CheckTable(DataSystem system, TableMap table)
    {
        var parts = table.Name.Split('.');
        if (parts.Length > 2 || !parts.All(IsPlainIdentifier))
        {
            Report(Rules.UnsafeIdentifier, table, "name", table.At, $"table name '{table.Name}' is not a plain SQL identifier (letters, digits and '_', optionally 'schema.table')");
        }

        foreach (var column in table.KnownColumns.Where(c => !IsPlainIdentifier(c)))
        {
            diagnostics.Add(Rules.UnsafeIdentifier.At(table.At, $"column '{column}' of table '{table.Name}' is not a plain SQL identifier (letters, digits and '_')"));
        }

        if (table.Subject is { } subject && policy.Subject(subject) is null)
        {
            Report(Rules.UnknownReference, table, "subject", table.At, $"unknown data subject '{subject}'{Hint(subject, policy.Taxonomy.Subjects.Select(s => s.Key))}");
        }

        foreach (var identity in table.Identity)
        {
            if (policy.Taxonomy.Identifiers.All(i => i.Key != identity.Identifier))
            {
                Report(Rules.UnknownReference, identity, "identifier", identity.At,
                    $"unknown identifier kind '{identity.Identifier}'{Hint(identity.Identifier, policy.Taxonomy.Identifiers.Select(i => i.Key))}");
            }
        }

        foreach (var reference in table.References)
        {
            var target = system.Table(reference.Table);
            if (target is null)
            {
                Report(Rules.UnknownReference, reference, "table", reference.At,
                    $"reference to unknown table '{reference.Table}' in system '{system.Id}'{Hint(reference.Table, system.Tables.Select(t => t.Name))}");
            }
            else if (reference.TargetColumn.Length > 0 && !target.KnownColumns.Contains(reference.TargetColumn))
            {
                Report(Rules.UnknownReference, reference, "target_column", reference.At,
                    $"reference target column '{reference.TargetColumn}' is not a known column of table '{target.Name}'");
            }
        }

        if (table.Hold is { } tableHold && policy.LegalHold(tableHold) is null)
        {
            Report(Rules.UnknownReference, table, "hold", table.At, $"unknown legal hold '{tableHold}'{Hint(tableHold, policy.LegalHolds.Select(h => h.Id))}");
        }

        foreach (var field in table.Fields)
        {
            if (policy.Category(field.Category) is null)
            {
                Report(Rules.UnknownReference, field, "category", field.At,
                    $"unknown data category '{field.Category}'{Hint(field.Category, policy.Taxonomy.Categories.Select(c => c.Key))}");
            }

            if (field.Erasure == ErasureStrategy.Retain && field.Hold is null)
            {
                Report(Rules.HoldWithoutReason, field, "erasure", field.At,
                    $"field '{table.Name}.{field.Column}' is retained on erasure but names no legal 'hold' stating why");
            }
            else if (field.Hold is { } hold && field.Hold != table.Hold && policy.LegalHold(hold) is null)
            {
                Report(Rules.UnknownReference, field, "hold", field.At, $"unknown legal hold '{hold}'{Hint(hold, policy.LegalHolds.Select(h => h.Id))}");
            }

            if (table.PrimaryKey.Contains(field.Column) && field.Erasure is ErasureStrategy.Mask or ErasureStrategy.Hash or ErasureStrategy.Null)
            {
                Report(Rules.StrategyMismatch, field, "erasure", field.At,
                    $"field '{table.Name}.{field.Column}' is the primary key; it cannot be {EnumNamesOf(field.Erasure)}ed — delete the row or retain it");
            }

            if (policy.Category(field.Category) is { } category && !Coverage.Covers(category.Key, system.Id))
            {
                Report(Rules.UncoveredField, field, "category", field.At,
                    $"personal-data field '{system.Id}.{table.Name}.{field.Column}' ({field.Category}) is covered by no activity: no stated purpose holds it");
            }
        }
    }

    private CoverageIndex? _coverage;

    /// <summary>
    /// Which (system, category) pairs some activity covers. Built once: the naive check is fields × activities
    /// (5,000 × 1,000 in the benchmark policy), this one is fields × category depth.
    /// </summary>
    private CoverageIndex Coverage => _coverage ??= new CoverageIndex(policy);

    private sealed class CoverageIndex
    {
        private readonly Model.Policy _policy;
        private readonly HashSet<(string System, string Category)> _covered = [];

        public CoverageIndex(Model.Policy policy)
        {
            _policy = policy;
            foreach (var activity in policy.Activities)
            {
                var systems = activity.Systems.IsEmpty ? ["*"] : activity.Systems;
                foreach (var system in systems)
                {
                    foreach (var category in activity.Categories)
                    {
                        _covered.Add((system, category));
                    }
                }
            }
        }

        /// <summary>Whether an activity lists the category or an ancestor for this system (or any system); special data only through a special listing.</summary>
        public bool Covers(string category, string system)
        {
            var special = _policy.IsSpecial(category);
            for (var k = category; k is not null; k = k.LastIndexOf('.') is var i and > 0 ? k[..i] : null)
            {
                if (special && !_policy.IsSpecial(k))
                {
                    return false;
                }

                if (_covered.Contains((system, k)) || _covered.Contains(("*", k)))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private void CheckReachability(DataSystem system)
    {
        // Tables linked by references form groups; a group must contain a table with an identity column,
        // or no rights request can find its rows.
        var parent = system.Tables.ToDictionary(t => t.Name, t => t.Name, StringComparer.Ordinal);
        string Find(string x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        foreach (var table in system.Tables)
        {
            foreach (var reference in table.References.Where(r => parent.ContainsKey(r.Table)))
            {
                parent[Find(table.Name)] = Find(reference.Table);
            }
        }

        var anchored = system.Tables.Where(t => !t.Identity.IsEmpty).Select(t => Find(t.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var table in system.Tables.Where(t => !t.Fields.IsEmpty && !anchored.Contains(Find(t.Name))))
        {
            Report(Rules.UnreachableTable, table, "name", table.At,
                $"table '{table.Name}' holds personal data but neither it nor any table it is linked to has an 'identity' column: rights requests cannot find its rows");
        }
    }

    private static string EnumNamesOf<T>(T value) where T : struct, Enum => Loading.EnumNames.Of(value);

    private static string Hint(string word, IEnumerable<string> candidates) => Loading.Suggestions.Hint(word, candidates);
}
