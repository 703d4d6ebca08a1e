using Pledge.Notices;
using Pledge.Policy.Model;
using PolicyModel = Pledge.Policy.Model.Policy;

namespace Pledge.Tests.Notices;

internal static partial class GdprItems
{
    private static IEnumerable<NoticeFactExpectation> Rights(PolicyModel p, NoticeWording w)
    {
        foreach (var right in p.Rights.Rights)
        {
            yield return In(w["Section.Rights"], w.Of(right));
            if (right != SubjectRight.Complaint)
            {
                yield return In(w["Section.Rights"], w[$"SubjectRight.{right}.Text"]);
            }
        }
    }

    private static IEnumerable<NoticeFactExpectation> Exercise(PolicyModel p, NoticeWording w)
    {
        var section = w["Section.Exercise"];
        foreach (var channel in p.Rights.Channels.IsEmpty ? p.Organisation.Channels : p.Rights.Channels)
        {
            yield return In(section, channel.Value);
        }

        foreach (var method in p.Rights.Verification)
        {
            yield return In(section, w.Of(method));
        }

        yield return In(section, w.Duration(p.Rights.Response));
        yield return In(section, w.Duration(p.Rights.Extension));
        yield return In(section, T(p.Rights.Fee, w));
    }

    private static IEnumerable<NoticeFactExpectation> Consent(PolicyModel p, NoticeWording w)
    {
        foreach (var a in p.Activities.Where(a => a.Consent.Mode != ConsentMode.None))
        {
            var section = T(a.Name, w);
            if (a.Consent.Withdrawal is { } withdrawal)
            {
                yield return In(section, T(withdrawal, w).TrimEnd('.'));
            }

            if (a.Consent.Collection is { } collection)
            {
                yield return In(section, T(collection, w).TrimEnd('.'));
            }

            if (a.Consent.Mode == ConsentMode.OptIn)
            {
                yield return In(section, w["Consent.PriorLawfulness"]);
            }
        }

        yield return In(w["Section.Rights"], w.Of(SubjectRight.WithdrawConsent));
    }

    private static IEnumerable<NoticeFactExpectation> Complaint(PolicyModel p, NoticeWording w)
    {
        var section = w["Section.Rights"];
        var authority = p.Organisation.Authority;
        yield return In(section, w.Of(SubjectRight.Complaint));
        yield return In(section, w.Country(authority.Country));
        foreach (var value in new[] { authority.Name, authority.Address, authority.Email, authority.Phone, authority.Website }.OfType<string>())
        {
            yield return In(section, value);
        }
    }

    private static IEnumerable<NoticeFactExpectation> Provision(PolicyModel p, NoticeWording w)
    {
        foreach (var a in p.Activities)
        {
            yield return In(T(a.Name, w), w.Of(a.Provision.Requirement));
            if (a.Provision.Consequence is { } consequence)
            {
                yield return In(T(a.Name, w), T(consequence, w).TrimEnd('.'));
            }
        }
    }

    private static IEnumerable<NoticeFactExpectation> Automated(PolicyModel p, NoticeWording w)
    {
        var section = w["Section.Automated"];
        var any = false;
        foreach (var a in p.Activities.Where(a => a.AutomatedDecisions is not null))
        {
            any = true;
            yield return In(section, T(a.Name, w));
            yield return In(section, T(a.AutomatedDecisions!.Logic, w));
            yield return In(section, T(a.AutomatedDecisions.Significance, w));
        }

        yield return In(section, any ? w["Automated.Rights"] : w["Automated.None"]);
    }

    private static IEnumerable<NoticeFactExpectation> FurtherProcessing(PolicyModel p, NoticeWording w)
    {
        var section = w["Section.Changes"];
        var notice = p.Notice;
        yield return In(section, w["Changes.FurtherProcessing"]);
        yield return In(section, notice.Version);
        yield return In(section, w.Date(notice.Effective));
        if (notice.Changes.Text is { } text)
        {
            yield return In(section, T(text, w));
        }
        else if (notice.Changes.EmailWhenMaterial)
        {
            yield return In(section, w["Changes.Email"]);
        }

        foreach (var entry in notice.History)
        {
            yield return In(section, T(entry.Summary, w));
            yield return In(section, w.Date(entry.Date));
        }
    }

    private static IEnumerable<NoticeFactExpectation> Objection(PolicyModel p, NoticeWording w)
    {
        var absolute = p.Activities.Where(a => a.Objection == ObjectionRule.Absolute).ToList();
        var balancing = p.Activities.Where(a => a.Objection == ObjectionRule.Balancing).ToList();
        if (absolute.Count > 0)
        {
            yield return In(Callout, w["Objection.DirectMarketing"]);
        }

        if (balancing.Count > 0)
        {
            yield return In(Callout, w["Objection.Balancing"]);
        }

        foreach (var a in absolute.Concat(balancing))
        {
            yield return In(Callout, T(a.Name, w));
        }
    }

    private static IEnumerable<NoticeFactExpectation> AtCollection(PolicyModel p, NoticeWording w) =>
        p.Activities.Where(a => a.NoticeAtCollection is not null).Select(a => In(T(a.Name, w), T(a.NoticeAtCollection!, w)));

    private static IEnumerable<NoticeFactExpectation> Cookies(PolicyModel p, NoticeWording w)
    {
        var section = w["Section.Cookies"];
        yield return In(section, w["Cookies.Intro"]);
        foreach (var cookie in p.Cookies.Items)
        {
            yield return In(section, cookie.Name);
            yield return In(section, cookie.Provider);
            yield return In(section, w.Of(cookie.Party));
            yield return In(section, T(p.CookieCategory(cookie.Category)!.Name, w));
            yield return In(section, T(cookie.Purpose, w));
            yield return In(section, cookie.Duration is { } d ? w.Duration(d) : w["Cookies.Session"]);
        }
    }}
