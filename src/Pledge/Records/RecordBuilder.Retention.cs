using System.Text;
using Pledge.Policy.Loading;
using Pledge.Policy.Model;

namespace Pledge.Records;

internal sealed partial class RecordBuilder
{
    private RetentionEntry Retention(RetentionRule rule)
    {
        var anchor = rule.Anchor is { } a ? (a.Table is null && rule.Table is not null ? $"{rule.Table}.{a.Column}" : a.ToString()) : null;
        var trigger = rule.Trigger is { } t ? policy.Events.FirstOrDefault(e => e.Id == t) : null;
        var holds = rule.Holds.Select(policy.LegalHold).OfType<LegalHold>()
            .Select(h => new LegalHoldEntry(h.Id, Text(h.Reason), OptionalText(h.Law), h.Period?.ToString()))
            .ToList();
        var conditions = rule.When.Select(Condition).ToList();
        return new RetentionEntry(
            rule.Id,
            Text(rule.Description),
            TimeLimit(rule, anchor, trigger is null ? null : Text(trigger.Description), conditions, holds),
            rule.Period?.ToString(),
            rule.Period?.ToIso8601(),
            anchor,
            rule.Trigger,
            trigger is null ? null : Text(trigger.Description),
            [.. conditions],
            EnumNames.Of(rule.Action),
            rule.Fields,
            [.. holds],
            rule.IsEnforced);
    }

    /// <summary>
    /// The rule in one sentence, e.g. "30 days after accounts.closed_at, if closed_at is not null; then delete;
    /// except under legal hold 'tax-records': Invoices are kept for tax law (§ 147 AO), up to 10 years".
    /// A rule with neither period nor trigger is stated in the policy's words only.
    /// </summary>
    private string TimeLimit(RetentionRule rule, string? anchor, string? triggerDescription, List<string> conditions, List<LegalHoldEntry> holds)
    {
        var sb = new StringBuilder();
        var when = rule.Trigger is null ? null : triggerDescription is null ? $"event {rule.Trigger}" : $"event {rule.Trigger} ({TrimStop(triggerDescription)})";
        if (rule.Period is { } period)
        {
            sb.Append(period.ToString());
            if (anchor is not null)
            {
                sb.Append(" after ").Append(anchor);
            }
            else if (when is not null)
            {
                sb.Append(" after ").Append(when);
            }
            else
            {
                // A stated rule with no anchor: its description says what the period counts from.
                sb.Append(" (").Append(TrimStop(Text(rule.Description))).Append(')');
            }
        }
        else if (when is not null)
        {
            sb.Append("on ").Append(when);
        }
        else
        {
            sb.Append(TrimStop(Text(rule.Description)));
        }

        if (conditions.Count > 0)
        {
            sb.Append(", if ").Append(string.Join(" and ", conditions));
        }

        sb.Append("; then ").Append(EnumNames.Of(rule.Action));
        if (!rule.Fields.IsEmpty)
        {
            sb.Append(' ').Append(string.Join(", ", rule.Fields));
        }

        foreach (var hold in holds)
        {
            sb.Append("; except under legal hold '").Append(hold.Id).Append("': ").Append(TrimStop(hold.Reason));
            if (hold.Law is not null)
            {
                sb.Append(" (").Append(hold.Law).Append(')');
            }

            if (hold.Period is not null)
            {
                sb.Append(", up to ").Append(hold.Period);
            }
        }

        return sb.ToString();
    }

    private static string TrimStop(string text) => text.TrimEnd().TrimEnd('.');

    private static string Condition(RetentionCondition condition) => condition switch
    {
        ColumnIsNull c => c.IsNull ? $"{c.Column} is empty" : $"{c.Column} is not empty",
        ColumnIn c => c.Values.Length == 1 ? $"{c.Column} is {c.Values[0]}" : $"{c.Column} is one of {string.Join(", ", c.Values)}",
        NoRowsIn n => n.Via is null ? $"no row in {n.Table} refers to it" : $"no row in {n.Table} refers to it through {n.Via}",
        _ => condition.ToString() ?? "",
    };
}
