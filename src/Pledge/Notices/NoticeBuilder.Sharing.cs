using Pledge.Policy.Model;

namespace Pledge.Notices;

public sealed partial class NoticeBuilder
{
    /// <summary>Art. 14(2)(f): where the data comes from, including whether from publicly accessible sources; 14(3): when we inform.</summary>
    private NoticeSection Sources()
    {
        var items = _policy.Activities.Select(a => Labelled(ActivityName(a), SourceText(a.Source))).ToList();
        var blocks = new List<NoticeBlock> { P(_w["Sources.Intro"]) };
        if (items.Count > 0)
        {
            blocks.Add(new ListBlock([.. items]));
        }

        if (_policy.Activities.Any(a => !a.Source.ThirdParties.IsEmpty))
        {
            blocks.Add(P(_w["Sources.Timing"]));
        }

        return Section("sources", "Sources", blocks);
    }

    private string SourceText(DataSource source)
    {
        var parties = _w.List([.. source.ThirdParties.Select(T)]);
        var text = (source.FromSubject, source.ThirdParties.IsEmpty) switch
        {
            (_, true) => _w["Sources.Subject"],
            (true, false) => _w.Format("Sources.SubjectAndThirdParties", parties),
            (false, false) => _w.Format("Sources.ThirdParties", parties),
        };
        return source.PubliclyAvailable ? text + " " + _w["Sources.Public"] : text;
    }

    /// <summary>Art. 13(1)(e), 14(1)(e): recipients or categories of recipients per activity, and the processors we use.</summary>
    private NoticeSection Recipients()
    {
        var blocks = new List<NoticeBlock> { P(_w["Recipients.Intro"]) };
        if (!_policy.Activities.IsEmpty)
        {
            blocks.Add(new ListBlock([.. _policy.Activities.Select(a => Labelled(ActivityName(a), RecipientsText(a)))]));
        }

        if (!_policy.Processors.IsEmpty)
        {
            blocks.Add(P(_w["Recipients.Processors"]));
            blocks.Add(ProcessorTable());
        }

        return Section("recipients", "Recipients", blocks);
    }

    private string RecipientsText(Activity a)
    {
        var named = a.Recipients.Select(r =>
        {
            var kind = r.Processor is not null ? "processor" : r.Kind;
            var what = _w["RecipientKind." + kind];
            return _w.Format("Recipients.Item", T(r.Name), r.Anonymised ? what + _w["List.Separator"] + _w["Recipients.Anonymised"] : what);
        });

        // Processors the activity uses but does not also list as a recipient.
        var listed = a.Recipients.Select(r => r.Processor).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var processors = a.Processors.Where(p => !listed.Contains(p)).Select(_policy.Processor).OfType<Processor>()
            .Select(p => _w.Format("Recipients.Item", p.Name, _w["RecipientKind.processor"]));
        var all = named.Concat(processors).ToList();
        return all.Count == 0 ? _w["Recipients.NotShared"] : string.Join("; ", all);
    }

    private TableBlock ProcessorTable()
    {
        var rows = _policy.Processors.Select(p => new TableRow(
        [
            new RichText([NoticeLinks.Span(p.Name, NoticeLinks.Web(p.Website))]),
            RichText.Plain(_w.Of(p.Role)),
            RichText.Plain(T(p.Purpose)),
            RichText.Plain(CountryNames(p.Locations)),
            RichText.Plain(SafeguardText(p.Safeguard, p.Mechanism)),
        ]));
        return new TableBlock(_w["Processors.Caption"],
            [_w["Processors.Name"], _w["Processors.Role"], _w["Processors.Purpose"], _w["Processors.Locations"], _w["Processors.Safeguard"]], [.. rows]);
    }

    /// <summary>The safeguard in words with the instrument named, or that none is needed (checked by PL024).</summary>
    private string SafeguardText(TransferSafeguard? safeguard, LocalizedText? mechanism)
    {
        if (safeguard is not { } s)
        {
            return _w["Safeguard.NotNeeded"];
        }

        return mechanism is null ? _w.Of(s) : _w.Of(s) + ": " + T(mechanism);
    }
}
