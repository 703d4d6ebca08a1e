using Pledge.Notices;
using Pledge.Policy.Model;
using PolicyModel = Pledge.Policy.Model.Policy;

namespace Pledge.Tests.Notices;

/// <summary>A fact a notice must state: <see cref="Text"/> within the section headed <see cref="Section"/> (null: anywhere).</summary>
internal sealed record NoticeFactExpectation(string? Section, string Text)
{
    public override string ToString() => Section is null ? $"'{Text}'" : $"'{Text}' under '{Section}'";
}

/// <summary>
/// Every item GDPR Art. 13 and 14 require a notice to state (plus Art. 9(2), 21(4) and the cookie rules), each with
/// the concrete facts of a policy that show the item is stated: derived from the policy and the notice wording,
/// so a policy that states more makes the check demand more, and a notice that drops a fact fails it.
/// </summary>
internal static partial class GdprItems
{
    public static readonly IReadOnlyDictionary<string, Func<PolicyModel, NoticeWording, IEnumerable<NoticeFactExpectation>>> All =
        new Dictionary<string, Func<PolicyModel, NoticeWording, IEnumerable<NoticeFactExpectation>>>
        {
            ["Art. 13(1)(a) identity and contact details of the controller and its representative"] = Controller,
            ["Art. 13(1)(b) contact details of the data protection officer"] = Dpo,
            ["Art. 13(1)(c) purposes and legal basis"] = PurposesAndBasis,
            ["Art. 13(1)(d) legitimate interests pursued"] = LegitimateInterests,
            ["Art. 13(1)(e) recipients or categories of recipients"] = Recipients,
            ["Art. 13(1)(f) transfers to third countries, safeguards and how to obtain a copy"] = Transfers,
            ["Art. 13(2)(a) storage period or the criteria for it"] = Retention,
            ["Art. 13(2)(b) rights of access, rectification, erasure, restriction, objection, portability"] = Rights,
            ["Art. 13(2)(c) right to withdraw consent without affecting prior lawfulness"] = Consent,
            ["Art. 13(2)(d) right to lodge a complaint with a supervisory authority"] = Complaint,
            ["Art. 13(2)(e) statutory or contractual requirement and consequences of not providing"] = Provision,
            ["Art. 13(2)(f) automated decision-making: logic, significance, consequences"] = Automated,
            ["Art. 13(3) further processing for another purpose"] = FurtherProcessing,
            ["Art. 14(1)(a) identity and contact details of the controller and its representative"] = Controller,
            ["Art. 14(1)(b) contact details of the data protection officer"] = Dpo,
            ["Art. 14(1)(c) purposes and legal basis"] = PurposesAndBasis,
            ["Art. 14(1)(d) categories of personal data concerned"] = Categories,
            ["Art. 14(1)(e) recipients or categories of recipients"] = Recipients,
            ["Art. 14(1)(f) transfers to third countries, safeguards and how to obtain a copy"] = Transfers,
            ["Art. 14(2)(a) storage period or the criteria for it"] = Retention,
            ["Art. 14(2)(b) legitimate interests pursued"] = LegitimateInterests,
            ["Art. 14(2)(c) rights of access, rectification, erasure, restriction, objection, portability"] = Rights,
            ["Art. 14(2)(d) right to withdraw consent without affecting prior lawfulness"] = Consent,
            ["Art. 14(2)(e) right to lodge a complaint with a supervisory authority"] = Complaint,
            ["Art. 14(2)(f) source of the data and whether publicly accessible"] = Sources,
            ["Art. 14(2)(g) automated decision-making: logic, significance, consequences"] = Automated,
            ["Art. 14(3) when the information is given"] = Timing,
            ["Art. 14(4) further processing for another purpose"] = FurtherProcessing,
            ["Art. 9(2) condition for special categories of data"] = SpecialCategories,
            ["Art. 21(4) right to object, presented clearly and separately"] = Objection,
            ["Art. 13 information at the point of collection (e.g. call recording)"] = AtCollection,
            ["ePrivacy Art. 5(3) cookies: each cookie, and consent for non-essential ones"] = Cookies,
            ["Art. 12(3)-(5) how to exercise the rights: channels, verification, time limits, fees"] = Exercise,
        };

    /// <summary>The facts of <paramref name="item"/> for <paramref name="policy"/> that <paramref name="notice"/> does not state.</summary>
    public static List<NoticeFactExpectation> Missing(string item, PolicyModel policy, string language, RenderedNotice notice)
    {
        var facts = All[item](policy, new NoticeWording(language)).ToList();
        Assert.NotEmpty(facts);
        return [.. facts.Where(f => !Contains(f.Section is null ? notice.Text : f.Section == Callout ? notice.Callouts : notice.Section(f.Section), f.Text))];
    }

    /// <summary>The pseudo-section standing for the text set apart in call-outs.</summary>
    public const string Callout = "<callout>";

    private static bool Contains(string haystack, string fact) => haystack.Contains(RenderedNotice.Normalise(fact), StringComparison.Ordinal);

    private static string Lang(NoticeWording w) => w.Culture.Name;

    private static string T(LocalizedText text, NoticeWording w) => text.In(Lang(w));

    private static NoticeFactExpectation In(string section, string text) => new(section, text);

    private static IEnumerable<NoticeFactExpectation> Controller(PolicyModel p, NoticeWording w)
    {
        var section = w["Section.WhoWeAre"];
        var c = p.Organisation.Controller;
        foreach (var value in new[] { c.Name, c.Registration, c.Address, c.Email, c.Phone, c.Website }.OfType<string>())
        {
            yield return In(section, value);
        }

        foreach (var rep in p.Organisation.Representatives)
        {
            foreach (var value in new[] { rep.Party.Name, rep.Party.Address, rep.Party.Email, rep.Party.Phone }.OfType<string>())
            {
                yield return In(section, value);
            }
        }
    }

    private static IEnumerable<NoticeFactExpectation> Dpo(PolicyModel p, NoticeWording w)
    {
        var section = w["Section.WhoWeAre"];
        if (p.Organisation.Dpo is not { } dpo)
        {
            yield return In(section, w["Who.NoDpo"]);
            yield break;
        }

        yield return In(section, w["Who.Dpo"]);
        foreach (var value in new[] { dpo.Name, dpo.Email, dpo.Phone, dpo.Address }.OfType<string>())
        {
            yield return In(section, value);
        }
    }

    private static IEnumerable<NoticeFactExpectation> PurposesAndBasis(PolicyModel p, NoticeWording w)
    {
        foreach (var a in p.Activities)
        {
            var section = T(a.Name, w);
            foreach (var purpose in a.Purposes)
            {
                yield return In(section, T(p.Purpose(purpose)!.Name, w));
            }

            yield return In(section, w.Of(a.Basis));
        }
    }

    private static IEnumerable<NoticeFactExpectation> LegitimateInterests(PolicyModel p, NoticeWording w) =>
        p.Activities.Where(a => a.LegitimateInterest is not null).Select(a => In(T(a.Name, w), T(a.LegitimateInterest!, w)));

    private static IEnumerable<NoticeFactExpectation> Categories(PolicyModel p, NoticeWording w) =>
        p.Activities.SelectMany(a => a.Categories.Select(c => In(T(a.Name, w), T(p.Category(c)!.Name, w))));

    private static IEnumerable<NoticeFactExpectation> SpecialCategories(PolicyModel p, NoticeWording w)
    {
        foreach (var a in p.Activities.Where(a => a.Article9 is not null))
        {
            yield return In(T(a.Name, w), w.Of(a.Article9!.Value));
            foreach (var c in a.Categories.Select(p.Category).OfType<DataCategory>().Where(c => c.Special))
            {
                yield return In(T(a.Name, w), T(c.Name, w));
            }
        }
    }
}
