using Pledge.Policy.Model;

namespace Pledge.Notices;

public sealed partial class NoticeBuilder
{
    /// <summary>
    /// Art. 21(1)-(2): the right to object, set apart in a call-out near the top as Art. 21(4) requires; objection
    /// to direct marketing is absolute and stated first. Null when no activity can be objected to.
    /// </summary>
    private NoticeSection? RightToObject()
    {
        var absolute = _policy.Activities.Where(a => a.Objection == ObjectionRule.Absolute).Select(ActivityName).ToList();
        var balancing = _policy.Activities.Where(a => a.Objection == ObjectionRule.Balancing).Select(ActivityName).ToList();
        if (absolute.Count == 0 && balancing.Count == 0)
        {
            return null;
        }

        var inside = new List<NoticeBlock>();
        if (absolute.Count > 0)
        {
            inside.Add(P(new StrongSpan(_w["Objection.DirectMarketing"]), new TextSpan(" " + _w.Format("Objection.AppliesTo", ActivityList(absolute)))));
        }

        if (balancing.Count > 0)
        {
            inside.Add(P(_w["Objection.Balancing"] + " " + _w.Format("Objection.AppliesTo", ActivityList(balancing))));
        }

        inside.Add(P(_w["Objection.How"]));
        return Section("right-to-object", "RightToObject", [new CalloutBlock(_w["Objection.Title"], [.. inside])]);
    }

    /// <summary>Activity names joined by semicolons: the names often contain "and" themselves.</summary>
    private static string ActivityList(IEnumerable<string> names) => string.Join("; ", names);

    /// <summary>Art. 13(2)(b)-(d), 14(2)(c)-(e): the rights, withdrawing consent, and complaining to the supervisory authority.</summary>
    private NoticeSection Rights()
    {
        var rights = _policy.Rights.Rights.Where(r => r != SubjectRight.Complaint)
            .Select(r => new RichText([new StrongSpan(_w.Of(r)), new TextSpan(": " + _w[$"{nameof(SubjectRight)}.{r}.Text"])]));
        var authority = _policy.Organisation.Authority;
        var contact = new List<NoticeFact> { Fact("Name", authority.Name), Fact("Country", _w.Country(authority.Country)) };
        if (authority.Address is { } address)
        {
            contact.Add(Fact("Address", address));
        }

        if (authority.Email is { } email)
        {
            contact.Add(Fact("Email", NoticeLinks.Span(email, NoticeLinks.Email(email))));
        }

        if (authority.Phone is { } phone)
        {
            contact.Add(Fact("Phone", phone));
        }

        if (authority.Website is { } website)
        {
            contact.Add(Fact("Website", NoticeLinks.Span(website, NoticeLinks.Web(website))));
        }

        return Section("your-rights", "Rights",
        [
            P(_w["Rights.Intro"]),
            new ListBlock([.. rights]),
            P(new StrongSpan(_w.Of(SubjectRight.Complaint)), new TextSpan(": " + _w.Format("Rights.Complaint", authority.Name))),
            new FactsBlock([.. contact]),
        ]);
    }

    /// <summary>Art. 12: how to exercise the rights: channels, identity verification, response time and its extension, fees.</summary>
    private NoticeSection ExercisingRights()
    {
        var rights = _policy.Rights;
        var channels = rights.Channels.IsEmpty ? _policy.Organisation.Channels : rights.Channels;
        var blocks = new List<NoticeBlock> { P(_w["Exercise.Intro"]) };
        var items = channels.Select(c => new RichText([new StrongSpan(ChannelLabel(c)), new TextSpan(": "), ChannelSpan(c)])).ToList();
        if (items.Count == 0)
        {
            items.Add(new RichText([new StrongSpan(_w["Channel.email"]), new TextSpan(": "), ContactSpan()]));
        }

        blocks.Add(new ListBlock([.. items]));
        blocks.Add(new FactsBlock(
        [
            Fact("Verification", _w.Format("Exercise.Verification", _w.List([.. rights.Verification.Select(v => _w.Of(v))], alternatives: true))),
            Fact("ResponseTime", _w.Format("Exercise.Response", _w.Duration(rights.Response), _w.Duration(rights.Extension))),
            Fact("Fee", T(rights.Fee)),
        ]));
        if (_policy.Activities.Any(a => a.Consent.Mode != ConsentMode.None || a.Basis == LawfulBasis.Consent))
        {
            blocks.Add(P(_w["Exercise.Withdraw"]));
        }

        return Section("exercising-your-rights", "Exercise", blocks);
    }
}
