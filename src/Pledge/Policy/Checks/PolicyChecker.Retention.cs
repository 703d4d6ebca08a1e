using Pledge.Diagnostics;
using Pledge.Policy.Model;

namespace Pledge.Policy.Checks;

internal sealed partial class PolicyChecker
{
    private void CheckRetention()
    {
        foreach (var rule in policy.Retention)
        {
            for (var i = 0; i < rule.Holds.Length; i++)
            {
                if (policy.LegalHold(rule.Holds[i]) is null)
                {
                    Report(Rules.UnknownReference, rule, "holds", rule.At, $"retention rule '{rule.Id}': unknown legal hold '{rule.Holds[i]}'{Hint(rule.Holds[i], policy.LegalHolds.Select(h => h.Id))}", i);
                }
            }

            if (rule.Trigger is { } trigger && policy.Events.All(e => e.Id != trigger))
            {
                Report(Rules.UnknownReference, rule, "trigger", rule.At, $"retention rule '{rule.Id}': unknown event '{trigger}'{Hint(trigger, policy.Events.Select(e => e.Id))}; declare it under 'events'");
            }

            if (rule.System is null)
            {
                continue;
            }

            if (policy.System(rule.System) is not { } system)
            {
                Report(Rules.UnknownReference, rule, "system", rule.At, $"retention rule '{rule.Id}': unknown system '{rule.System}'{Hint(rule.System, policy.Systems.Select(s => s.Id))}");
                continue;
            }

            if (rule.Table is null)
            {
                continue;
            }

            if (system.Table(rule.Table) is not { } table)
            {
                Report(Rules.UnknownReference, rule, "table", rule.At,
                    $"retention rule '{rule.Id}': unknown table '{rule.Table}' in system '{system.Id}'{Hint(rule.Table, system.Tables.Select(t => t.Name))}");
                continue;
            }

            CheckAnchor(rule, system, table);
            CheckRuleFields(rule, table);
            CheckConditions(rule, system, table);
        }
    }

    private void CheckAnchor(RetentionRule rule, DataSystem system, TableMap table)
    {
        if (rule.Anchor is not { } anchor)
        {
            return;
        }

        var anchorTable = table;
        if (anchor.Table is { } other && other != table.Name)
        {
            if (table.References.All(r => r.Table != other))
            {
                Report(Rules.BadAnchor, rule, "anchor", rule.At,
                    $"retention rule '{rule.Id}' anchors on '{anchor}', but table '{table.Name}' has no reference to table '{other}'");
                return;
            }

            anchorTable = system.Table(other);
            if (anchorTable is null)
            {
                return;
            }
        }

        if (!anchorTable.Timestamps.Contains(anchor.Column))
        {
            var exists = anchorTable.KnownColumns.Contains(anchor.Column);
            Report(Rules.BadAnchor, rule, "anchor", rule.At, exists
                ? $"retention rule '{rule.Id}' anchors on '{anchor}', which is not declared a timestamp of table '{anchorTable.Name}' (add it to 'timestamps')"
                : $"retention rule '{rule.Id}' anchors on '{anchor}', which is not a column of table '{anchorTable.Name}'{Hint(anchor.Column, anchorTable.Timestamps)}");
        }
    }

    private void CheckRuleFields(RetentionRule rule, TableMap table)
    {
        for (var i = 0; i < rule.Fields.Length; i++)
        {
            var field = rule.Fields[i];
            if (table.Field(field) is null)
            {
                Report(rule.Action == RetentionAction.Delete ? Rules.UnknownReference : Rules.StrategyMismatch, rule, "fields", rule.At,
                    $"retention rule '{rule.Id}': '{field}' is not a personal-data field of table '{table.Name}'{Hint(field, table.Fields.Select(f => f.Column))}", i);
            }
            else if (table.PrimaryKey.Contains(field))
            {
                Report(Rules.StrategyMismatch, rule, "fields", rule.At, $"retention rule '{rule.Id}' would clear primary key '{field}'", i);
            }
        }

        if (rule.Action == RetentionAction.Delete && !rule.Fields.IsEmpty)
        {
            Report(Rules.StrategyMismatch, rule, "fields", rule.At, $"retention rule '{rule.Id}' deletes whole rows; 'fields' applies to anonymise and minimise");
        }
    }

    private void CheckConditions(RetentionRule rule, DataSystem system, TableMap table)
    {
        foreach (var condition in rule.When)
        {
            switch (condition)
            {
                case ColumnIsNull c when !table.KnownColumns.Contains(c.Column):
                    Report(Rules.UnknownReference, c, "column", c.At, $"condition on unknown column '{c.Column}' of table '{table.Name}'{Hint(c.Column, table.KnownColumns)}");
                    break;
                case ColumnIn c when !table.KnownColumns.Contains(c.Column):
                    Report(Rules.UnknownReference, c, "column", c.At, $"condition on unknown column '{c.Column}' of table '{table.Name}'{Hint(c.Column, table.KnownColumns)}");
                    break;
                case NoRowsIn n:
                    if (system.Table(n.Table) is not { } other)
                    {
                        Report(Rules.UnknownReference, n, "no_rows_in", n.At, $"condition names unknown table '{n.Table}' in system '{system.Id}'{Hint(n.Table, system.Tables.Select(t => t.Name))}");
                    }
                    else if (!Linked(table, other, n.Via))
                    {
                        Report(Rules.UnknownReference, n, n.Via is null ? "no_rows_in" : "via", n.At,
                            $"condition 'no_rows_in: {n.Table}' needs a reference between '{other.Name}' and '{table.Name}'{(n.Via is null ? "" : $" through column '{n.Via}'")}");
                    }

                    break;
            }
        }
    }

    private static bool Linked(TableMap table, TableMap other, string? via)
    {
        var direct = other.References.Any(r => r.Table == table.Name && (via is null || r.Column == via));
        var shared = table.References.Any(r => other.References.Any(o => o.Table == r.Table && (via is null || o.Column == via)));
        return direct || shared;
    }
}
