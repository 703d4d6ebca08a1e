using Pledge.Policy.Defaults;
using Pledge.Policy.Loading;
using Pledge.Policy.Model;

namespace Pledge.Diff;

internal sealed partial class PolicyComparer
{
    private void CompareRecipients(string at, string id, Activity o, Activity n)
    {
        var (processorsAdded, processorsRemoved) = Match(o.Processors, n.Processors);
        foreach (var p in processorsAdded)
        {
            Material($"{at}.processors.{p}", ChangeKind.Added, id, $"activity '{id}': new processor {Name(@new, p)}", Reasons.NewRecipient);
        }

        foreach (var p in processorsRemoved)
        {
            Editorial($"{at}.processors.{p}", ChangeKind.Removed, id, $"activity '{id}': processor {Name(old, p)} removed (narrows processing)", Reasons.Narrowing);
        }

        // A recipient that is a processor just added or removed above is the same fact; it is reported once.
        var (added, removed, both) = Match(o.Recipients, n.Recipients, RecipientKey);
        foreach (var r in added.Where(r => r.Processor is null || !processorsAdded.Contains(r.Processor)))
        {
            Material($"{at}.recipients.{RecipientKey(r)}", ChangeKind.Added, id, $"activity '{id}': new recipient '{r.Name.Default}' ({r.Kind})", Reasons.NewRecipient);
        }

        foreach (var r in removed.Where(r => r.Processor is null || !processorsRemoved.Contains(r.Processor)))
        {
            Editorial($"{at}.recipients.{RecipientKey(r)}", ChangeKind.Removed, id,
                $"activity '{id}': recipient '{r.Name.Default}' ({r.Kind}) removed (narrows processing)", Reasons.Narrowing);
        }

        foreach (var (a, b) in both)
        {
            var path = $"{at}.recipients.{RecipientKey(b)}";
            Wording($"{path}.name", id, $"activity '{id}': recipient name", a.Name, b.Name);
            if (a.Anonymised && !b.Anonymised)
            {
                Material($"{path}.anonymised", ChangeKind.Changed, id, $"activity '{id}': recipient '{b.Name.Default}' now receives personal data, not only anonymised data", Reasons.NewRecipient);
            }
            else if (!a.Anonymised && b.Anonymised)
            {
                Editorial($"{path}.anonymised", ChangeKind.Changed, id, $"activity '{id}': recipient '{b.Name.Default}' now receives anonymised data only", Reasons.Narrowing);
            }
        }
    }

    private static string RecipientKey(Recipient r) => r.Processor ?? $"{r.Kind}:{r.Name.Default}";

    private void CompareTransfers(string at, string id, Activity o, Activity n)
    {
        var (added, removed, both) = Match(o.Transfers, n.Transfers, TransferKey);
        foreach (var t in added)
        {
            var path = $"{at}.transfers.{TransferKey(t)}";
            var safeguard = t.Safeguard ?? Adequate(t.Country);
            var what = $"transfer to {t.Country}{(t.Recipient is null ? "" : $" ({t.Recipient})")}, {Safeguard(safeguard)}";
            var before = ReachedBefore(o, t.Country);
            if (before is null)
            {
                Material(path, ChangeKind.Added, id, $"activity '{id}': new {what}", Reasons.NewTransfer);
            }
            else if (Strength.Of(safeguard) < Strength.Of(before))
            {
                Material(path, ChangeKind.Added, id, $"activity '{id}': {what}, weaker than the {Safeguard(before)} before", Reasons.WeakerSafeguard);
            }
            else
            {
                Editorial(path, ChangeKind.Added, id, $"activity '{id}': {what} now stated (the data already went to {t.Country})", Reasons.Wording);
            }
        }

        foreach (var t in removed)
        {
            Editorial($"{at}.transfers.{TransferKey(t)}", ChangeKind.Removed, id, $"activity '{id}': transfer to {t.Country} removed (narrows processing)", Reasons.Narrowing);
        }

        foreach (var (a, b) in both)
        {
            var path = $"{at}.transfers.{TransferKey(b)}";
            SafeguardChange($"{path}.safeguard", id, $"activity '{id}': transfer to {b.Country}", a.Safeguard ?? Adequate(a.Country), b.Safeguard ?? Adequate(b.Country), [id]);
            Wording($"{path}.mechanism", id, $"activity '{id}': transfer to {b.Country} mechanism", a.Mechanism, b.Mechanism);
        }
    }

    private static string TransferKey(Transfer t) => t.Recipient is null ? t.Country : $"{t.Country}:{t.Recipient}";

    private static string Safeguard(TransferSafeguard? s) => s is { } v ? EnumNames.Of(v) : "no safeguard";

    /// <summary>The strongest safeguard under which the old activity already sent data to <paramref name="country"/>, or null if it did not.</summary>
    private TransferSafeguard? ReachedBefore(Activity o, string country)
    {
        var safeguards = o.Transfers.Where(t => t.Country == country).Select(t => t.Safeguard ?? Adequate(country))
            .Concat(ProcessorsOf(o).Select(old.Processor).OfType<Processor>().Where(p => p.Locations.Contains(country)).Select(p => p.Safeguard ?? Adequate(country)))
            .ToList();
        // A valid policy never sends data to a third country without a safeguard, so "none" only stands for "reached".
        return safeguards.Count == 0 ? null : safeguards.MaxBy(Strength.Of) ?? TransferSafeguard.Derogation;
    }

    private TransferSafeguard? Adequate(string country) =>
        Countries.Adequacy(country, @new.Organisation.Authority.Country).Full ? TransferSafeguard.Adequacy : null;

    /// <summary>Reports a safeguard change: weaker is material for each affected activity, stronger or equal-standing editorial.</summary>
    private void SafeguardChange(string path, string? editorialActivity, string subject, TransferSafeguard? a, TransferSafeguard? b, IReadOnlyList<string> affected)
    {
        if (a == b)
        {
            return;
        }

        var change = $"safeguard {Safeguard(a)} → {Safeguard(b)}";
        if (Strength.Of(b) < Strength.Of(a))
        {
            Affecting(affected, path, ChangeKind.Changed, $"{subject} {change} (weaker)", Reasons.WeakerSafeguard);
        }
        else
        {
            Editorial(path, ChangeKind.Changed, editorialActivity, $"{subject} {change}{(Strength.Of(b) > Strength.Of(a) ? " (stronger)" : "")}",
                Strength.Of(b) > Strength.Of(a) ? Reasons.Stricter : Reasons.SameSafeguardTier);
        }
    }

    /// <summary>
    /// Reports a material change once per affected activity (the description is prefixed with the activity), or
    /// once for the policy when no activity is affected.
    /// </summary>
    private void Affecting(IReadOnlyList<string> activities, string path, ChangeKind kind, string description, string reason)
    {
        if (activities.Count == 0)
        {
            Material(path, kind, null, description, reason);
            return;
        }

        foreach (var id in activities)
        {
            var activityPath = path.StartsWith("activities.", StringComparison.Ordinal) ? path : $"activities.{id}.{path}";
            var text = description.StartsWith("activity '", StringComparison.Ordinal) ? description : $"activity '{id}': {description}";
            Material(activityPath, kind, id, text, reason);
        }
    }

    /// <summary>Every declared processor an activity names: in its processors, recipients and transfers.</summary>
    private static IEnumerable<string> ProcessorsOf(Activity a) =>
        a.Processors.Concat(a.Recipients.Select(r => r.Processor).OfType<string>())
            .Concat(a.Transfers.Select(t => t.Recipient).OfType<string>())
            .Distinct(StringComparer.Ordinal);

    private static bool OutsideEeaAndUk(string country) => !Countries.IsEea(country) && country != "GB";

    private void CompareProcessors()
    {
        var (added, removed, both) = Match(old.Processors, @new.Processors, p => p.Id);
        foreach (var p in added)
        {
            Material($"processors.{p.Id}", ChangeKind.Added, null,
                $"new {EnumNames.Of(p.Role).Replace('_', ' ')} '{p.Id}' ({p.Name}) processing in {string.Join(", ", p.Locations)}", Reasons.NewRecipient);
        }

        foreach (var p in removed)
        {
            Editorial($"processors.{p.Id}", ChangeKind.Removed, null, $"processor '{p.Id}' ({p.Name}) removed (narrows processing)", Reasons.Narrowing);
        }

        foreach (var (a, b) in both)
        {
            CompareProcessor(a, b);
        }
    }

    private void CompareProcessor(Processor a, Processor b)
    {
        var at = $"processors.{b.Id}";
        var who = $"processor {Name(@new, b.Id)}";
        // Activities that used the processor before and still do: an activity that just gained it reports that itself.
        var users = ContinuingActivities.Where(p => ProcessorsOf(p.Old).Contains(b.Id) && ProcessorsOf(p.New).Contains(b.Id)).Select(p => p.New.Id).ToList();
        if (a.Name != b.Name)
        {
            Editorial($"{at}.name", ChangeKind.Changed, null, $"processor '{b.Id}' renamed '{a.Name}' → '{b.Name}'", Reasons.Renamed);
        }

        if (Strength.Reach(b.Role) > Strength.Reach(a.Role))
        {
            Affecting(users, $"processors.{b.Id}.role", ChangeKind.Changed, $"{who} role {EnumNames.Of(a.Role)} → {EnumNames.Of(b.Role)}", Reasons.RecipientRole);
        }
        else if (a.Role != b.Role)
        {
            Editorial($"{at}.role", ChangeKind.Changed, null, $"{who} role {EnumNames.Of(a.Role)} → {EnumNames.Of(b.Role)}", Reasons.Narrowing);
        }

        var (placesAdded, placesRemoved) = Match(a.Locations, b.Locations);
        foreach (var c in placesAdded)
        {
            if (OutsideEeaAndUk(c))
            {
                Affecting(users, $"processors.{b.Id}.locations.{c}", ChangeKind.Added, $"{who} now also processes in {c}, {Safeguard(b.Safeguard ?? Adequate(c))} (new transfer)", Reasons.NewTransfer);
            }
            else
            {
                Editorial($"{at}.locations.{c}", ChangeKind.Added, null, $"{who} now also processes in {c}", Reasons.NoTransfer);
            }
        }

        foreach (var c in placesRemoved)
        {
            Editorial($"{at}.locations.{c}", ChangeKind.Removed, null, $"{who} no longer processes in {c} (narrows processing)", Reasons.Narrowing);
        }

        var (categoriesAdded, categoriesRemoved) = Match(a.Categories, b.Categories);
        foreach (var k in categoriesAdded)
        {
            Affecting(users, $"processors.{b.Id}.categories.{k}", ChangeKind.Added, $"{who} now receives data category '{k}'", Reasons.NewRecipient);
        }

        foreach (var k in categoriesRemoved)
        {
            Editorial($"{at}.categories.{k}", ChangeKind.Removed, null, $"{who} no longer receives data category '{k}' (narrows processing)", Reasons.Narrowing);
        }

        if (b.Locations.Any(OutsideEeaAndUk))
        {
            SafeguardChange($"processors.{b.Id}.safeguard", null, who, a.Safeguard, b.Safeguard, users);
        }
        else if (a.Safeguard != b.Safeguard)
        {
            Editorial($"{at}.safeguard", ChangeKind.Changed, null, $"{who} safeguard {Safeguard(a.Safeguard)} → {Safeguard(b.Safeguard)}", Reasons.NoTransfer);
        }

        Wording($"{at}.purpose", null, $"{who} purpose", a.Purpose, b.Purpose);
        Wording($"{at}.mechanism", null, $"{who} transfer mechanism", a.Mechanism, b.Mechanism);
        Wording($"{at}.website", null, $"{who} website", a.Website, b.Website);
    }
}
