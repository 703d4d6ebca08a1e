using Pledge.Policy.Model;

namespace Pledge.Notices;

public sealed partial class NoticeBuilder
{
    /// <summary>Art. 13(2)(a), 14(2)(a): how long data is kept, or the criteria, per activity from its retention rules, with legal holds.</summary>
    private NoticeSection Retention()
    {
        var rows = new List<TableRow>();
        foreach (var activity in _policy.Activities)
        {
            foreach (var rule in activity.Retention.Select(_policy.RetentionRule).OfType<RetentionRule>())
            {
                rows.Add(new TableRow(
                [
                    RichText.Plain(ActivityName(activity)),
                    RichText.Plain(RetentionText(rule)),
                    // A rule with neither period nor event only states a fact ("research partners receive anonymised data"): nothing follows.
                    RichText.Plain(rule.Period is null && rule.Trigger is null ? None : _w.Of(rule.Action)),
                    RichText.Plain(rule.Holds.IsEmpty ? None : string.Join("; ", rule.Holds.Select(_policy.LegalHold).OfType<LegalHold>().Select(HoldText))),
                ]));
            }
        }

        var blocks = new List<NoticeBlock> { P(_w["Retention.Intro"]) };
        if (rows.Count > 0)
        {
            blocks.Add(new TableBlock(_w["Retention.Caption"],
                [_w["Retention.Activity"], _w["Retention.HowLong"], _w["Retention.Then"], _w["Retention.Exceptions"]], [.. rows]));
        }

        // Holds no retention rule names still keep data despite an erasure request: say so and why.
        var referenced = _policy.Retention.SelectMany(r => r.Holds).ToHashSet(StringComparer.Ordinal);
        var otherHolds = _policy.LegalHolds.Where(h => !referenced.Contains(h.Id)).Select(h => RichText.Plain(HoldText(h))).ToList();
        if (otherHolds.Count > 0)
        {
            blocks.Add(P(_w["Retention.Holds"]));
            blocks.Add(new ListBlock([.. otherHolds]));
        }

        return Section("retention", "Retention", blocks);
    }

    private string RetentionText(RetentionRule rule)
    {
        var text = T(rule.Description);
        if (rule.Period is { } period)
        {
            text = Sentence(text) + " " + _w.Format("Retention.Period", _w.Duration(period));
        }

        if (rule.Trigger is { } trigger)
        {
            var what = _policy.Events.FirstOrDefault(e => e.Id == trigger) is { } e ? T(e.Description) : trigger;
            text = Sentence(text) + " " + Sentence(_w.Format("Retention.Trigger", what));
        }

        return text;
    }

    private string HoldText(LegalHold hold)
    {
        var text = T(hold.Reason);
        if (hold.Law is { } law)
        {
            // The law goes inside the reason's sentence: "... as tax law requires (VAT Act 1994)."
            text = text.EndsWith('.') ? text[..^1] + " (" + T(law) + ")." : text + " (" + T(law) + ")";
        }

        return hold.Period is { } period ? Sentence(text) + " " + _w.Format("Retention.HoldPeriod", _w.Duration(period)) : text;
    }
}
