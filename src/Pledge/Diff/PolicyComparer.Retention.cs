using Pledge.Policy.Loading;
using Pledge.Policy.Model;

namespace Pledge.Diff;

internal sealed partial class PolicyComparer
{
    /// <summary>Rules an activity gained or lost; changes inside a rule it keeps are compared once per rule.</summary>
    private void CompareActivityRetention(Activity o, Activity n)
    {
        var id = n.Id;
        var (added, removed) = Match(o.Retention, n.Retention);
        var before = o.Retention.Select(old.RetentionRule).OfType<RetentionRule>().ToList();
        var longest = before.Where(r => r.Period is not null).Select(r => r.Period!.Value).OrderByDescending(p => p.ApproximateDays).FirstOrDefault();
        var timedBefore = before.Any(r => r.Period is not null);
        var holdsBefore = before.SelectMany(r => r.Holds).ToHashSet(StringComparer.Ordinal);
        var replacing = removed.Count == 0 ? "" : $" replacing {string.Join(", ", removed.Select(r => $"'{r}'"))}";
        foreach (var ruleId in added)
        {
            var rule = @new.RetentionRule(ruleId)!;
            var path = $"activities.{id}.retention.{ruleId}";
            var head = $"activity '{id}': retention rule '{ruleId}' added{replacing}: {Limit(rule)}";
            var newHolds = rule.Holds.Where(h => !holdsBefore.Contains(h)).ToList();
            if (rule.Period is { } period && timedBefore)
            {
                if (period.ApproximateDays > longest.ApproximateDays)
                {
                    Material(path, ChangeKind.Added, id, $"{head} (longer retention: {period} instead of {longest})", Reasons.LongerRetention);
                }
                else if (newHolds.Count > 0)
                {
                    Material(path, ChangeKind.Added, id, $"{head} (new legal hold {string.Join(", ", newHolds.Select(h => $"'{h}'"))})", Reasons.LongerRetention);
                }
                else
                {
                    Editorial(path, ChangeKind.Added, id, $"{head} (no longer than the {longest} before)", Reasons.NotLonger);
                }
            }
            else if (rule.Period is null && rule.Trigger is { } trigger && newHolds.Count == 0 && before.Any(r => r.Trigger == trigger && r.Period is null))
            {
                Editorial(path, ChangeKind.Added, id, $"{head} (the same event as before)", Reasons.NotLonger);
            }
            else
            {
                Material(path, ChangeKind.Added, id, $"{head} (cannot be compared with the rules before)", Reasons.UncomparableRetention);
            }
        }

        if (added.Count == 0)
        {
            foreach (var ruleId in removed)
            {
                Editorial($"activities.{id}.retention.{ruleId}", ChangeKind.Removed, id, $"activity '{id}': retention rule '{ruleId}' no longer applies", Reasons.Narrowing);
            }
        }
    }

    /// <summary>A rule in a few words: "13 months after collected_at, then delete".</summary>
    private static string Limit(RetentionRule r)
    {
        var from = r.Anchor is { } a ? $" after {a}" : r.Trigger is { } t ? $" after event {t}" : "";
        var when = r.Period is { } p ? $"{p}{from}" : r.Trigger is { } e ? $"on event {e}" : "as described";
        return $"{when}, then {EnumNames.Of(r.Action)}";
    }

    private void CompareRetentionRules()
    {
        var (added, removed, both) = Match(old.Retention, @new.Retention, r => r.Id);
        var usedOld = old.Activities.SelectMany(a => a.Retention).ToHashSet(StringComparer.Ordinal);
        var usedNew = @new.Activities.SelectMany(a => a.Retention).ToHashSet(StringComparer.Ordinal);
        foreach (var r in added.Where(r => !usedNew.Contains(r.Id)))
        {
            Editorial($"retention.{r.Id}", ChangeKind.Added, null, $"retention rule '{r.Id}' added ({Limit(r)}), used by no activity", Reasons.Unused);
        }

        foreach (var r in removed.Where(r => !usedOld.Contains(r.Id)))
        {
            Editorial($"retention.{r.Id}", ChangeKind.Removed, null, $"retention rule '{r.Id}' removed, used by no activity", Reasons.Unused);
        }

        foreach (var (a, b) in both)
        {
            var users = ContinuingActivities.Where(p => p.Old.Retention.Contains(b.Id) && p.New.Retention.Contains(b.Id)).Select(p => p.New.Id).ToList();
            CompareRule(a, b, users);
        }
    }

    private void CompareRule(RetentionRule a, RetentionRule b, List<string> users)
    {
        var at = $"retention.{b.Id}";
        var who = $"retention rule '{b.Id}'";
        if (a.Period != b.Period)
        {
            var change = $"{who} period {Duration(a.Period)} → {Duration(b.Period)}";
            if (a.Period is { } p && b.Period is { } q)
            {
                if (q.ApproximateDays > p.ApproximateDays)
                {
                    Affecting(users, $"{at}.period", ChangeKind.Changed, $"{change} (longer retention)", Reasons.LongerRetention);
                }
                else
                {
                    Editorial($"{at}.period", ChangeKind.Changed, null, q.ApproximateDays < p.ApproximateDays ? $"{change} (shorter retention)" : change,
                        q.ApproximateDays < p.ApproximateDays ? Reasons.Narrowing : Reasons.SameLength);
                }
            }
            else
            {
                Affecting(users, $"{at}.period", ChangeKind.Changed, $"{change} (cannot be compared)", Reasons.UncomparableRetention);
            }
        }

        if (a.Anchor != b.Anchor)
        {
            Affecting(users, $"{at}.anchor", ChangeKind.Changed, $"{who} counts from {a.Anchor?.ToString() ?? "nothing"} → {b.Anchor?.ToString() ?? "nothing"}", Reasons.UncomparableRetention);
        }

        if (a.Trigger != b.Trigger)
        {
            Affecting(users, $"{at}.trigger", ChangeKind.Changed, $"{who} event {a.Trigger ?? "none"} → {b.Trigger ?? "none"}", Reasons.UncomparableRetention);
        }

        if (Strength.Of(b.Action) < Strength.Of(a.Action))
        {
            Affecting(users, $"{at}.action", ChangeKind.Changed, $"{who} action {EnumNames.Of(a.Action)} → {EnumNames.Of(b.Action)} (weaker: data kept in part)", Reasons.LongerRetention);
        }
        else if (a.Action != b.Action)
        {
            Editorial($"{at}.action", ChangeKind.Changed, null, $"{who} action {EnumNames.Of(a.Action)} → {EnumNames.Of(b.Action)} (stronger)", Reasons.Stricter);
        }

        if (b.Action != RetentionAction.Delete && a.Action == b.Action)
        {
            var (fieldsAdded, fieldsRemoved) = Match(a.Fields, b.Fields);
            foreach (var f in fieldsRemoved)
            {
                Affecting(users, $"{at}.fields.{f}", ChangeKind.Removed, $"{who} no longer clears field '{f}' (kept longer)", Reasons.LongerRetention);
            }

            foreach (var f in fieldsAdded)
            {
                Editorial($"{at}.fields.{f}", ChangeKind.Added, null, $"{who} now also clears field '{f}'", Reasons.Narrowing);
            }
        }

        var (conditionsAdded, conditionsRemoved) = Match([.. a.When.Select(Condition)], [.. b.When.Select(Condition)]);
        foreach (var c in conditionsAdded)
        {
            Affecting(users, $"{at}.when", ChangeKind.Added, $"{who} new condition '{c}' (fewer rows expire: longer retention)", Reasons.LongerRetention);
        }

        foreach (var c in conditionsRemoved)
        {
            Editorial($"{at}.when", ChangeKind.Removed, null, $"{who} condition '{c}' removed (more rows expire)", Reasons.Narrowing);
        }

        var (holdsAdded, holdsRemoved) = Match(a.Holds, b.Holds);
        foreach (var h in holdsAdded)
        {
            Affecting(users, $"{at}.holds.{h}", ChangeKind.Added, $"{who} new legal hold '{h}' (longer retention)", Reasons.LongerRetention);
        }

        foreach (var h in holdsRemoved)
        {
            Editorial($"{at}.holds.{h}", ChangeKind.Removed, null, $"{who} legal hold '{h}' removed (shorter retention)", Reasons.Narrowing);
        }

        Wording($"{at}.description", null, $"{who} description", a.Description, b.Description);
        if (a.System != b.System || a.Table != b.Table)
        {
            Editorial($"{at}.table", ChangeKind.Changed, null, $"{who} applies to {a.System}.{a.Table} → {b.System}.{b.Table}", Reasons.DataMap);
        }
    }

    private static string Condition(RetentionCondition condition) => condition switch
    {
        ColumnIsNull c => $"{c.Column} is {(c.IsNull ? "null" : "not null")}",
        ColumnIn c => $"{c.Column} in [{string.Join(", ", c.Values)}]",
        NoRowsIn n => $"no rows in {n.Table}{(n.Via is null ? "" : $" via {n.Via}")}",
        _ => condition.GetType().Name,
    };

    private void CompareLegalHolds()
    {
        var (added, removed, both) = Match(old.LegalHolds, @new.LegalHolds, h => h.Id);
        foreach (var h in added)
        {
            Editorial($"legal_holds.{h.Id}", ChangeKind.Added, null, $"legal hold '{h.Id}' added ({h.Reason.Default})", Reasons.Vocabulary);
        }

        foreach (var h in removed)
        {
            Editorial($"legal_holds.{h.Id}", ChangeKind.Removed, null, $"legal hold '{h.Id}' removed", Reasons.Vocabulary);
        }

        foreach (var (a, b) in both)
        {
            var at = $"legal_holds.{b.Id}";
            var was = a.Period?.ApproximateDays ?? double.PositiveInfinity;
            var now = b.Period?.ApproximateDays ?? double.PositiveInfinity;
            var change = $"legal hold '{b.Id}' period {Duration(a.Period)} → {Duration(b.Period)}";
            if (now > was)
            {
                // Activities whose continuing rules carry the hold in both versions; others report the hold as new.
                var users = ContinuingActivities.Where(p => HoldsOf(old, p.Old).Contains(b.Id) && HoldsOf(@new, p.New).Contains(b.Id)).Select(p => p.New.Id).ToList();
                Affecting(users, $"{at}.period", ChangeKind.Changed, $"{change} (longer retention)", Reasons.LongerRetention);
            }
            else if (a.Period != b.Period)
            {
                Editorial($"{at}.period", ChangeKind.Changed, null, now < was ? $"{change} (shorter retention)" : change, now < was ? Reasons.Narrowing : Reasons.SameLength);
            }

            Wording($"{at}.reason", null, $"legal hold '{b.Id}' reason", a.Reason, b.Reason);
            Wording($"{at}.law", null, $"legal hold '{b.Id}' law", a.Law, b.Law);
        }
    }

    /// <summary>The holds that keep an activity's data: on its retention rules, and on data-map fields it covers.</summary>
    private static HashSet<string> HoldsOf(Policy.Model.Policy policy, Activity a)
    {
        var holds = a.Retention.Select(policy.RetentionRule).OfType<RetentionRule>().SelectMany(r => r.Holds).ToHashSet(StringComparer.Ordinal);
        foreach (var system in policy.Systems)
        {
            foreach (var field in system.Tables.SelectMany(t => t.Fields).Where(f => f.Hold is not null))
            {
                if (policy.Category(field.Category) is { } category && policy.Covers(a, category, system.Id))
                {
                    holds.Add(field.Hold!);
                }
            }
        }

        return holds;
    }
}
