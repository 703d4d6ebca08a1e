using Pledge.Diagnostics;
using Pledge.Policy.Defaults;
using Pledge.Policy.Model;

namespace Pledge.Policy.Checks;

internal sealed partial class PolicyChecker
{
    private void CheckActivities()
    {
        foreach (var activity in policy.Activities)
        {
            CheckActivityReferences(activity);
            CheckLawfulness(activity);
            CheckTransfers(activity);
        }
    }

    private void CheckActivityReferences(Activity a)
    {
        ListReferences(a, "purposes", a.Purposes, k => policy.Purpose(k) is not null, policy.Taxonomy.Purposes.Select(p => p.Key), "purpose");
        ListReferences(a, "subjects", a.Subjects, k => policy.Subject(k) is not null, policy.Taxonomy.Subjects.Select(p => p.Key), "data subject");
        ListReferences(a, "categories", a.Categories, k => policy.Category(k) is not null, policy.Taxonomy.Categories.Select(p => p.Key), "data category");
        ListReferences(a, "systems", a.Systems, k => policy.System(k) is not null, policy.Systems.Select(p => p.Id), "system");
        ListReferences(a, "retention", a.Retention, k => policy.RetentionRule(k) is not null, policy.Retention.Select(p => p.Id), "retention rule");
        for (var i = 0; i < a.Processors.Length; i++)
        {
            if (policy.Processor(a.Processors[i]) is null)
            {
                Report(Rules.UndeclaredProcessor, a, "processors", a.At,
                    $"activity '{a.Id}' uses processor '{a.Processors[i]}' that is not declared under 'processors'{Hint(a.Processors[i], policy.Processors.Select(p => p.Id))}", i);
            }
        }

        foreach (var recipient in a.Recipients.Where(r => r.Processor is not null && policy.Processor(r.Processor) is null))
        {
            Report(Rules.UndeclaredProcessor, recipient, "processor", recipient.At, $"recipient is processor '{recipient.Processor}', which is not declared under 'processors'");
        }

        foreach (var transfer in a.Transfers.Where(t => t.Recipient is not null && policy.Processor(t.Recipient) is null))
        {
            Report(Rules.UndeclaredProcessor, transfer, "recipient", transfer.At, $"transfer recipient '{transfer.Recipient}' is not declared under 'processors'");
        }
    }

    private void ListReferences(Activity a, string key, IReadOnlyList<string> values, Func<string, bool> exists, IEnumerable<string> known, string what)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!exists(values[i]))
            {
                Report(Rules.UnknownReference, a, key, a.At, $"activity '{a.Id}': unknown {what} '{values[i]}'{Hint(values[i], known)}", i);
            }
        }
    }

    private void CheckLawfulness(Activity a)
    {
        if (a.Basis == LawfulBasis.LegitimateInterests && a.LegitimateInterest is null)
        {
            Report(Rules.NoLegitimateInterest, a, "lawful_basis", a.At,
                $"activity '{a.Id}' relies on legitimate interests but states no 'legitimate_interest' (Art. 13(1)(d))");
        }

        var consentBased = a.Basis == LawfulBasis.Consent || a.Consent.Mode != ConsentMode.None || a.Article9 == Article9Condition.ExplicitConsent;
        if (consentBased && a.Consent.Withdrawal is null)
        {
            Report(Rules.NoWithdrawalChannel, a, a.Consent.Mode == ConsentMode.None ? "lawful_basis" : "consent", a.At,
                $"activity '{a.Id}' is consent-based but states no 'consent.withdrawal' channel (Art. 7(3))");
        }

        if (a.Basis == LawfulBasis.Consent && a.Consent.Mode == ConsentMode.OptOut)
        {
            Report(Rules.OptOutConsent, a, "consent", a.At,
                $"activity '{a.Id}' relies on consent through an opt-out; rely on legitimate interests with an opt-out, or ask for opt-in consent");
        }

        if (a.Basis == LawfulBasis.Consent && a.Consent.Mode == ConsentMode.None)
        {
            Report(Rules.NoWithdrawalChannel, a, "lawful_basis", a.At,
                $"activity '{a.Id}' relies on consent but has no 'consent' section saying how it is asked (mode: opt_in) and withdrawn");
        }

        var special = policy.SpecialCategoriesOf(a).ToList();
        if (special.Count > 0 && a.Article9 is null)
        {
            Report(Rules.NoArticle9Condition, a, "categories", a.At,
                $"activity '{a.Id}' processes special-category data ({string.Join(", ", special)}) but states no 'article9_condition'");
        }

        if (a.Article9 == Article9Condition.ExplicitConsent && a.Consent.Mode != ConsentMode.OptIn)
        {
            Report(Rules.ExplicitConsentMismatch, a, "article9_condition", a.At,
                $"activity '{a.Id}' relies on explicit consent (Art. 9(2)(a)) but its consent mode is not opt_in");
        }

        var objectable = a.Basis is LawfulBasis.LegitimateInterests or LawfulBasis.PublicTask;
        if (a.DirectMarketing && a.Objection != ObjectionRule.Absolute)
        {
            Report(Rules.ObjectionMismatch, a, "objection", a.At, $"activity '{a.Id}' is direct marketing: objection to it is absolute (Art. 21(3)); set 'objection: absolute'");
        }
        else if (objectable && a.Objection == ObjectionRule.None)
        {
            Report(Rules.ObjectionMismatch, a, "objection", a.At,
                $"activity '{a.Id}' relies on {Loading.EnumNames.Of(a.Basis)}: the right to object applies (Art. 21(1)); 'objection' cannot be none");
        }
        else if (!objectable && !a.DirectMarketing && a.Objection != ObjectionRule.None)
        {
            Report(Rules.ObjectionMismatch, a, "objection", a.At,
                $"activity '{a.Id}' relies on {Loading.EnumNames.Of(a.Basis)}: Art. 21 objection applies only to legitimate interests, public task and direct marketing");
        }
    }

    private string? Home => policy.Organisation.Authority.Country is { Length: 2 } c ? c : null;

    private void CheckTransfers(Activity a)
    {
        foreach (var transfer in a.Transfers)
        {
            CheckDestination(transfer.Country, transfer.Safeguard, transfer.Mechanism is not null, transfer, "safeguard", transfer.At, $"activity '{a.Id}': transfer to {transfer.Country}");
        }

        foreach (var processor in a.Processors.Select(policy.Processor).OfType<Processor>())
        {
            foreach (var country in processor.Locations.Where(c => Countries.IsThirdCountry(c, Home) && a.Transfers.All(t => t.Country != c)))
            {
                Report(Rules.UnsafeTransfer, DiagnosticSeverity.Warning, a, "processors", a.At,
                    $"activity '{a.Id}' uses processor '{processor.Id}', which processes data in {country}, but lists no transfer to {country}");
            }
        }
    }

    private void CheckDestination(string country, TransferSafeguard? safeguard, bool mechanismStated, object owner, string key, SourceLocation at, string what)
    {
        if (country.Length != 2 || !Countries.IsThirdCountry(country, Home))
        {
            return;
        }

        var (full, partial) = Countries.Adequacy(country, Home);
        if (safeguard is null)
        {
            Report(Rules.UnsafeTransfer, owner, key, at, $"{what} leaves the EEA/UK with no adequacy decision or 'safeguard' (GDPR Chapter V)");
        }
        else if (safeguard == TransferSafeguard.Adequacy && !full && partial is null)
        {
            Report(Rules.UnsafeTransfer, owner, key, at,
                $"{what} claims adequacy, but {country} has no adequacy decision (list as of {Countries.AdequacyAsOf:yyyy-MM-dd}); use standard_contractual_clauses, bcr or a derogation");
        }
        else if (safeguard == TransferSafeguard.Adequacy && partial is not null && !mechanismStated)
        {
            Report(Rules.PartialAdequacy, owner, key, at, $"{what} relies on adequacy, which for {country} covers {partial}; name the 'mechanism'");
        }
    }
}
