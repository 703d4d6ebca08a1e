namespace Pledge.Notices;

public sealed partial class NoticeBuilder
{
    /// <summary>Art. 13(2)(f), 14(2)(g), 22: automated decisions with their logic and significance, or that there are none.</summary>
    private NoticeSection AutomatedDecisions()
    {
        var blocks = new List<NoticeBlock>();
        foreach (var activity in _policy.Activities.Where(a => a.AutomatedDecisions is not null))
        {
            var decision = activity.AutomatedDecisions!;
            blocks.Add(P(new StrongSpan(ActivityName(activity))));
            blocks.Add(new FactsBlock([Fact("Logic", T(decision.Logic)), Fact("Significance", T(decision.Significance))]));
        }

        blocks.Add(blocks.Count == 0 ? P(_w["Automated.None"]) : P(_w["Automated.Rights"]));
        return Section("automated-decisions", "Automated", blocks);
    }

    /// <summary>Art. 32 measures, where the policy states them; not an Art. 13 item, but readers look for it.</summary>
    private NoticeSection? Security() =>
        _policy.SecurityMeasures.IsEmpty
            ? null
            : Section("security", "Security", [P(_w["Security.Intro"]), new ListBlock([.. _policy.SecurityMeasures.Select(m => RichText.Plain(T(m)))])]);

    /// <summary>Art. 13(3), 14(4): changes, further processing for a new purpose, the version, its date and the change log.</summary>
    private NoticeSection Changes()
    {
        var notice = _policy.Notice;
        var facts = new List<NoticeFact> { Fact("Version", notice.Version), Fact("Effective", _w.Date(notice.Effective)) };
        if (notice.Url is { } url)
        {
            facts.Add(Fact("Url", NoticeLinks.Span(url, NoticeLinks.Web(url))));
        }

        // The policy's own words replace the standard sentences, which would otherwise repeat them.
        var how = new List<string>();
        if (notice.Changes.Text is { } text)
        {
            how.Add(Sentence(T(text)));
        }
        else
        {
            if (notice.Changes.Posted)
            {
                how.Add(_w["Changes.Posted"]);
            }

            if (notice.Changes.EmailWhenMaterial)
            {
                how.Add(_w["Changes.Email"]);
            }
        }

        var blocks = new List<NoticeBlock> { new FactsBlock([.. facts]) };
        if (how.Count > 0)
        {
            blocks.Add(P(string.Join(" ", how)));
        }

        blocks.Add(P(_w["Changes.FurtherProcessing"]));
        if (!notice.History.IsEmpty)
        {
            var rows = notice.History.Select(h => new TableRow(
            [
                RichText.Plain(h.Version),
                RichText.Plain(_w.Date(h.Date)),
                RichText.Plain(T(h.Summary)),
                RichText.Plain(h.Material ? _w["Changes.Material"] : _w["Changes.NotMaterial"]),
            ]));
            blocks.Add(new TableBlock(_w["Changes.Caption"], [_w["Changes.Version"], _w["Changes.Date"], _w["Changes.Summary"], _w["Changes.IsMaterial"]], [.. rows]));
        }

        return Section("changes", "Changes", blocks);
    }
}
