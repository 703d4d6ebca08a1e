using Pledge.Notices;
using Pledge.Policy.Defaults;
using Pledge.Policy.Model;
using PolicyModel = Pledge.Policy.Model.Policy;

namespace Pledge.Tests.Notices;

internal static partial class GdprItems
{
    private static IEnumerable<NoticeFactExpectation> Recipients(PolicyModel p, NoticeWording w)
    {
        var section = w["Section.Recipients"];
        foreach (var a in p.Activities)
        {
            foreach (var r in a.Recipients)
            {
                yield return In(section, T(r.Name, w));
                yield return In(section, w["RecipientKind." + (r.Processor is null ? r.Kind : "processor")]);
                if (r.Anonymised)
                {
                    yield return In(section, w["Recipients.Anonymised"]);
                }
            }
        }

        foreach (var processor in p.Processors)
        {
            yield return In(section, processor.Name);
            yield return In(section, w.Of(processor.Role));
            yield return In(section, T(processor.Purpose, w));
            foreach (var location in processor.Locations)
            {
                yield return In(section, w.Country(location));
            }
        }
    }

    private static IEnumerable<NoticeFactExpectation> Transfers(PolicyModel p, NoticeWording w)
    {
        var section = w["Section.StorageAndTransfers"];
        foreach (var system in p.Systems.Where(s => s.Country is not null))
        {
            yield return In(section, T(system.Name, w));
            yield return In(section, w.Country(system.Country!));
        }

        var home = p.Organisation.Authority.Country;
        var thirdCountry = false;
        foreach (var t in p.Activities.SelectMany(a => a.Transfers))
        {
            thirdCountry = true;
            yield return In(section, w.Country(t.Country));
            yield return In(section, w.Of(t.Safeguard!.Value));
            if (t.Mechanism is { } mechanism)
            {
                yield return In(section, T(mechanism, w));
            }
        }

        foreach (var processor in p.Processors)
        {
            foreach (var location in processor.Locations.Where(l => Countries.IsThirdCountry(l, home)))
            {
                thirdCountry = true;
                yield return In(section, w.Country(location));
                yield return In(section, w.Of(processor.Safeguard!.Value));
            }
        }

        if (thirdCountry)
        {
            yield return In(section, w["Transfers.Copy"]);
            yield return In(section, p.Organisation.Dpo?.Email ?? p.Organisation.Controller.Email!);
        }
        else
        {
            yield return In(section, w["Transfers.None"]);
        }
    }

    private static IEnumerable<NoticeFactExpectation> Retention(PolicyModel p, NoticeWording w)
    {
        var section = w["Section.Retention"];
        foreach (var a in p.Activities)
        {
            yield return In(section, T(a.Name, w));
            foreach (var rule in a.Retention.Select(p.RetentionRule).OfType<RetentionRule>())
            {
                yield return In(section, T(rule.Description, w).TrimEnd('.'));
                if (rule.Period is { } period)
                {
                    yield return In(section, w.Duration(period));
                }

                if (rule.Trigger is { } trigger)
                {
                    yield return In(section, T(p.Events.Single(e => e.Id == trigger).Description, w).TrimEnd('.'));
                }
            }
        }

        foreach (var hold in p.LegalHolds)
        {
            yield return In(section, T(hold.Reason, w).TrimEnd('.'));
            if (hold.Law is { } law)
            {
                yield return In(section, T(law, w));
            }

            if (hold.Period is { } period)
            {
                yield return In(section, w.Duration(period));
            }
        }
    }

    private static IEnumerable<NoticeFactExpectation> Sources(PolicyModel p, NoticeWording w)
    {
        var section = w["Section.Sources"];
        foreach (var a in p.Activities)
        {
            yield return In(section, T(a.Name, w));
            foreach (var party in a.Source.ThirdParties)
            {
                yield return In(section, T(party, w));
            }

            if (a.Source.PubliclyAvailable)
            {
                yield return In(section, w["Sources.Public"]);
            }
        }
    }

    private static IEnumerable<NoticeFactExpectation> Timing(PolicyModel p, NoticeWording w)
    {
        Assert.Contains(p.Activities, a => !a.Source.ThirdParties.IsEmpty);
        yield return In(w["Section.Sources"], w["Sources.Timing"]);
    }
}
