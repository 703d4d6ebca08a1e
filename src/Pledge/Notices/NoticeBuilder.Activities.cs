using Pledge.Policy.Model;

namespace Pledge.Notices;

public sealed partial class NoticeBuilder
{
    /// <summary>
    /// Activity by activity: Art. 13(1)(c)-(d) and 14(1)(c)-(d) (purposes, lawful basis, legitimate interest,
    /// categories), Art. 9(2) conditions, 13(2)(e) (must the data be provided), 13(2)(c) (consent and its
    /// withdrawal) and notices given at the point of collection.
    /// </summary>
    private NoticeSection HowWeUse()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var subsections = new List<NoticeSection>();
        foreach (var activity in _policy.Activities)
        {
            var id = AnchorFor("activity-", activity.Id);
            for (var n = 2; !used.Add(id); n++)
            {
                id = AnchorFor("activity-", activity.Id) + "-" + n.ToString(_w.Culture);
            }

            subsections.Add(new NoticeSection(id, ActivityName(activity), [.. ActivityBlocks(activity)], []));
        }

        var intro = _policy.Activities.IsEmpty ? _w["Use.NoActivities"] : _w["Use.Intro"];
        return Section("how-we-use", "HowWeUse", [P(intro)], subsections);
    }

    private IEnumerable<NoticeBlock> ActivityBlocks(Activity a)
    {
        if (a.Description is { } description)
        {
            yield return P(T(description));
        }

        var facts = new List<NoticeFact>
        {
            Fact("Purposes", Names(a.Purposes, _policy.Purpose)),
            Fact("LawfulBasis", _w.Of(a.Basis)),
        };

        if (a.LegitimateInterest is { } interest)
        {
            facts.Add(Fact("LegitimateInterest", T(interest)));
        }

        facts.Add(Fact("Categories", CategoryNames(a.Categories)));
        var special = SpecialCategories(a).Select(c => T(c.Name)).ToList();
        if (special.Count > 0)
        {
            facts.Add(Fact("SpecialCategories", _w.List(special)));
        }

        if (a.Article9 is { } condition)
        {
            facts.Add(Fact("Article9", _w.Of(condition)));
        }

        facts.Add(Fact("Subjects", Names(a.Subjects, _policy.Subject)));
        facts.Add(Fact("Provision", ProvisionText(a.Provision)));
        if (ConsentText(a) is { } consent)
        {
            facts.Add(Fact("Consent", consent));
        }

        if (a.NoticeAtCollection is { } atCollection)
        {
            facts.Add(Fact("AtCollection", T(atCollection)));
        }

        yield return new FactsBlock([.. facts]);
    }

    /// <summary>
    /// The special categories (Art. 9) an activity names: a listed category that is special or lies below a special
    /// one, and any special category below a listed one. Only these are named, so the notice states no special data
    /// an activity does not process.
    /// </summary>
    private IEnumerable<DataCategory> SpecialCategories(Activity a) =>
        _policy.Taxonomy.Categories.Where(c =>
            a.Categories.Any(listed => (c.Special && c.IsWithin(listed)) || (c.Key == listed && IsSpecialOrBelowSpecial(c.Key))));

    private bool IsSpecialOrBelowSpecial(string key)
    {
        for (var k = key; k is not null; k = _policy.Category(k)?.Parent)
        {
            if (_policy.Category(k) is { Special: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Art. 13(2)(e): whether the data must be provided, and what happens if it is not.</summary>
    private string ProvisionText(Provision provision)
    {
        var requirement = _w.Of(provision.Requirement);
        if (provision.Consequence is { } consequence)
        {
            return requirement + " " + Sentence(_w.Format("Use.Consequence", T(consequence)));
        }

        return provision.Requirement is ProvisionRequirement.Contractual or ProvisionRequirement.Statutory
            ? requirement + " " + _w["Use.DefaultConsequence." + provision.Requirement]
            : requirement;
    }

    /// <summary>Art. 7(3), 13(2)(c): how consent is given and withdrawn, and that withdrawing does not undo past processing.</summary>
    private string? ConsentText(Activity a)
    {
        var consent = a.Consent;
        if (consent.Mode == ConsentMode.None && a.Basis != LawfulBasis.Consent && a.Article9 != Article9Condition.ExplicitConsent)
        {
            return null;
        }

        var parts = new List<string>();
        parts.Add(consent.Mode == ConsentMode.OptOut ? _w["Consent.OptOut"] : _w["Consent.OptIn"]);
        if (consent.Collection is { } collection)
        {
            parts.Add(Sentence(_w.Format("Consent.Collection", T(collection))));
        }

        if (consent.Withdrawal is { } withdrawal)
        {
            parts.Add(Sentence(_w.Format(consent.Mode == ConsentMode.OptOut ? "Consent.SwitchOff" : "Consent.Withdrawal", T(withdrawal))));
        }

        if (consent.Mode != ConsentMode.OptOut)
        {
            parts.Add(_w["Consent.PriorLawfulness"]);
        }

        if (consent.Lifetime is { } lifetime)
        {
            parts.Add(_w.Format("Consent.Lifetime", _w.Duration(lifetime)));
        }

        return string.Join(" ", parts);
    }
}
