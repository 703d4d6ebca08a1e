using System.Collections.Immutable;
using Pledge.Policy.Loading;
using Pledge.Policy.Model;

namespace Pledge.Diff;

internal sealed partial class PolicyComparer
{
    private void CompareActivities()
    {
        var (added, removed, both) = Match(old.Activities, @new.Activities, a => a.Id);
        foreach (var a in @new.Activities)
        {
            if (added.Contains(a))
            {
                Material($"activities.{a.Id}", ChangeKind.Added, a.Id, $"new activity '{a.Id}' ({a.Name.Default})", Reasons.NewActivity);
            }
            else
            {
                var (o, n) = both.First(p => p.New == a);
                CompareActivity(o, n);
            }
        }

        foreach (var a in removed)
        {
            Editorial($"activities.{a.Id}", ChangeKind.Removed, a.Id, $"activity '{a.Id}' ({a.Name.Default}) removed (narrows processing)", Reasons.Narrowing);
        }
    }

    private void CompareActivity(Activity o, Activity n)
    {
        var id = n.Id;
        var at = $"activities.{id}";
        var who = $"activity '{id}':";
        Wording($"{at}.name", id, $"{who} name", o.Name, n.Name);
        Wording($"{at}.description", id, $"{who} description", o.Description, n.Description);

        Lists(at, id, "purposes", "purpose", o.Purposes, n.Purposes, Reasons.NewPurpose, k => @new.Purpose(k)?.Name.Default);
        if (o.Basis != n.Basis)
        {
            Material($"{at}.lawful_basis", ChangeKind.Changed, id, $"{who} lawful basis {EnumNames.Of(o.Basis)} → {EnumNames.Of(n.Basis)}", Reasons.LawfulBasis);
        }

        Wording($"{at}.legitimate_interest", id, $"{who} legitimate interest", o.LegitimateInterest, n.LegitimateInterest);
        CompareArticle9(at, id, o, n);
        Lists(at, id, "subjects", "data subject", o.Subjects, n.Subjects, Reasons.NewSubjects, k => @new.Subject(k)?.Name.Default);
        CompareCategories(at, id, o, n);
        var (systemsAdded, systemsRemoved) = Match(o.Systems, n.Systems);
        foreach (var s in systemsAdded)
        {
            Editorial($"{at}.systems.{s}", ChangeKind.Added, id, $"{who} data now also held in system '{s}'", Reasons.DataMap);
        }

        foreach (var s in systemsRemoved)
        {
            Editorial($"{at}.systems.{s}", ChangeKind.Removed, id, $"{who} data no longer held in system '{s}'", Reasons.DataMap);
        }

        CompareSource(at, id, o.Source, n.Source);
        if (o.Provision.Requirement != n.Provision.Requirement)
        {
            Editorial($"{at}.provision", ChangeKind.Changed, id,
                $"{who} providing the data {EnumNames.Of(o.Provision.Requirement)} → {EnumNames.Of(n.Provision.Requirement)}", Reasons.Wording);
        }

        Wording($"{at}.provision.consequence", id, $"{who} consequence of not providing the data", o.Provision.Consequence, n.Provision.Consequence);
        CompareRecipients(at, id, o, n);
        CompareTransfers(at, id, o, n);
        CompareActivityRetention(o, n);
        CompareConsent(at, id, o.Consent, n.Consent);
        if (Strength.Of(n.Objection) < Strength.Of(o.Objection))
        {
            Material($"{at}.objection", ChangeKind.Changed, id, $"{who} objection {EnumNames.Of(o.Objection)} → {EnumNames.Of(n.Objection)} (weaker)", Reasons.WeakerObjection);
        }
        else if (n.Objection != o.Objection)
        {
            Editorial($"{at}.objection", ChangeKind.Changed, id, $"{who} objection {EnumNames.Of(o.Objection)} → {EnumNames.Of(n.Objection)} (stronger)", Reasons.Stricter);
        }

        Flag(at, id, "direct_marketing", "direct marketing", o.DirectMarketing, n.DirectMarketing);
        Flag(at, id, "sharing", "shared with third parties for their own purposes", o.Sharing, n.Sharing);
        CompareAutomated(at, id, o.AutomatedDecisions, n.AutomatedDecisions);
        Wording($"{at}.notice_at_collection", id, $"{who} notice at collection", o.NoticeAtCollection, n.NoticeAtCollection);
    }

    /// <summary>Reports a list of keys: additions material for <paramref name="addedReason"/>, removals narrowing.</summary>
    private void Lists(string at, string id, string key, string what, ImmutableArray<string> o,
        ImmutableArray<string> n, string addedReason, Func<string, string?> name)
    {
        var (added, removed) = Match(o, n);
        foreach (var k in added)
        {
            Material($"{at}.{key}.{k}", ChangeKind.Added, id, $"activity '{id}': new {what} '{k}'{Named(name(k))}", addedReason);
        }

        foreach (var k in removed)
        {
            Editorial($"{at}.{key}.{k}", ChangeKind.Removed, id, $"activity '{id}': {what} '{k}' removed (narrows processing)", Reasons.Narrowing);
        }
    }

    private static string Named(string? name) => name is null ? "" : $" ({name})";

    private void CompareArticle9(string at, string id, Activity o, Activity n)
    {
        if (o.Article9 == n.Article9)
        {
            return;
        }

        var was = o.Article9 is { } a ? EnumNames.Of(a) : "none";
        var now = n.Article9 is { } b ? EnumNames.Of(b) : "none";
        if (n.Article9 is null)
        {
            Editorial($"{at}.article9_condition", ChangeKind.Removed, id, $"activity '{id}': Art. 9 condition {was} removed", Reasons.Narrowing);
        }
        else
        {
            Material($"{at}.article9_condition", o.Article9 is null ? ChangeKind.Added : ChangeKind.Changed, id,
                $"activity '{id}': Art. 9 condition {was} → {now}", Reasons.LawfulBasis);
        }
    }

    private void CompareCategories(string at, string id, Activity o, Activity n)
    {
        var (added, removed) = Match(o.Categories, n.Categories);
        foreach (var k in added)
        {
            var special = @new.IsSpecial(k);
            Material($"{at}.categories.{k}", ChangeKind.Added, id,
                $"activity '{id}': new data category '{k}'{Named(@new.Category(k)?.Name.Default)}{(special ? " (special category)" : "")}",
                special ? Reasons.SpecialData : Reasons.NewData);
        }

        foreach (var k in removed)
        {
            Editorial($"{at}.categories.{k}", ChangeKind.Removed, id, $"activity '{id}': data category '{k}' removed (narrows processing)", Reasons.Narrowing);
        }

        // A listed category can also become special without being new: the taxonomy now marks it (or a parent) special.
        var specialBefore = old.SpecialCategoriesOf(o).ToHashSet(StringComparer.Ordinal);
        foreach (var k in @new.SpecialCategoriesOf(n).Where(k => !specialBefore.Contains(k) && !added.Contains(k)))
        {
            Material($"{at}.categories.{k}", ChangeKind.Changed, id,
                $"activity '{id}': data category '{k}'{Named(@new.Category(k)?.Name.Default)} is now a special category", Reasons.SpecialData);
        }
    }

    private void CompareSource(string at, string id, DataSource o, DataSource n)
    {
        var (added, removed, _) = Match(o.ThirdParties, n.ThirdParties, t => t.Default);
        foreach (var t in added)
        {
            Material($"{at}.source.third_parties", ChangeKind.Added, id, $"activity '{id}': data now also obtained from '{t.Default}'", Reasons.NewSource);
        }

        foreach (var t in removed)
        {
            Editorial($"{at}.source.third_parties", ChangeKind.Removed, id, $"activity '{id}': data no longer obtained from '{t.Default}'", Reasons.Narrowing);
        }

        if (o.FromSubject != n.FromSubject || o.PubliclyAvailable != n.PubliclyAvailable)
        {
            Editorial($"{at}.source", ChangeKind.Changed, id,
                $"activity '{id}': source {(n.FromSubject ? "includes" : "no longer includes")} the subject, third-party source {(n.PubliclyAvailable ? "" : "not ")}publicly available",
                Reasons.Wording);
        }
    }

    private void CompareConsent(string at, string id, ConsentSettings o, ConsentSettings n)
    {
        if (Strength.Of(n.Mode) < Strength.Of(o.Mode))
        {
            Material($"{at}.consent.mode", ChangeKind.Changed, id, $"activity '{id}': consent {EnumNames.Of(o.Mode)} → {EnumNames.Of(n.Mode)} (looser)", Reasons.LooserConsent);
        }
        else if (n.Mode != o.Mode)
        {
            Editorial($"{at}.consent.mode", ChangeKind.Changed, id, $"activity '{id}': consent {EnumNames.Of(o.Mode)} → {EnumNames.Of(n.Mode)} (stricter)", Reasons.Stricter);
        }

        var was = o.Lifetime?.ApproximateDays ?? double.PositiveInfinity;
        var now = n.Lifetime?.ApproximateDays ?? double.PositiveInfinity;
        // Without consent there is no lifetime to compare; the change of mode says it all.
        if (o.Lifetime != n.Lifetime && n.Mode != ConsentMode.None)
        {
            var description = $"activity '{id}': consent valid for {Duration(o.Lifetime)} → {Duration(n.Lifetime)}";
            if (now > was)
            {
                Material($"{at}.consent.lifetime", ChangeKind.Changed, id, description + " (longer)", Reasons.LooserConsent);
            }
            else
            {
                Editorial($"{at}.consent.lifetime", ChangeKind.Changed, id, description + (now < was ? " (shorter)" : ""), now < was ? Reasons.Stricter : Reasons.SameLength);
            }
        }

        Wording($"{at}.consent.withdrawal", id, $"activity '{id}': how to withdraw consent", o.Withdrawal, n.Withdrawal);
        Wording($"{at}.consent.collection", id, $"activity '{id}': how consent is asked", o.Collection, n.Collection);
    }

    private void Flag(string at, string id, string key, string what, bool o, bool n)
    {
        if (!o && n)
        {
            Material($"{at}.{key}", ChangeKind.Added, id, $"activity '{id}': now {what}", Reasons.NewUse);
        }
        else if (o && !n)
        {
            Editorial($"{at}.{key}", ChangeKind.Removed, id, $"activity '{id}': no longer {what} (narrows processing)", Reasons.Narrowing);
        }
    }

    private void CompareAutomated(string at, string id, AutomatedDecision? o, AutomatedDecision? n)
    {
        if (o is null && n is not null)
        {
            Material($"{at}.automated_decisions", ChangeKind.Added, id, $"activity '{id}': new automated decision-making: {Short(n.Logic.Default)}", Reasons.AutomatedDecisions);
        }
        else if (o is not null && n is null)
        {
            Editorial($"{at}.automated_decisions", ChangeKind.Removed, id, $"activity '{id}': automated decision-making removed (narrows processing)", Reasons.Narrowing);
        }
        else if (o is not null && n is not null)
        {
            Wording($"{at}.automated_decisions.logic", id, $"activity '{id}': logic of the automated decisions", o.Logic, n.Logic);
            Wording($"{at}.automated_decisions.significance", id, $"activity '{id}': significance of the automated decisions", o.Significance, n.Significance);
        }
    }
}
