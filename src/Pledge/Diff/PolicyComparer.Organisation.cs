using Pledge.Policy.Loading;
using Pledge.Policy.Model;

namespace Pledge.Diff;

internal sealed partial class PolicyComparer
{
    private void CompareOrganisation()
    {
        var (a, b) = (old.Organisation, @new.Organisation);
        if (a.Controller.Name != b.Controller.Name || a.Controller.Registration != b.Controller.Registration)
        {
            _controllerChanged = true;
            Material("organisation.controller", ChangeKind.Changed, null,
                $"controller {Identity(a.Controller)} → {Identity(b.Controller)} (a different controller)", Reasons.Controller);
        }

        Contact("organisation.controller", "controller", a.Controller, b.Controller);
        var (repsAdded, repsRemoved, repsBoth) = Match(a.Representatives, b.Representatives, r => r.Region);
        foreach (var r in repsAdded)
        {
            Editorial($"organisation.representatives.{r.Region}", ChangeKind.Added, null, $"representative for {r.Region} added: {r.Party.Name}", Reasons.Contacts);
        }

        foreach (var r in repsRemoved)
        {
            Editorial($"organisation.representatives.{r.Region}", ChangeKind.Removed, null, $"representative for {r.Region} removed ({r.Party.Name})", Reasons.Contacts);
        }

        foreach (var (x, y) in repsBoth)
        {
            Party($"organisation.representatives.{y.Region}", $"representative for {y.Region}", x.Party, y.Party);
        }

        if (a.Dpo is null != b.Dpo is null)
        {
            Editorial("organisation.dpo", b.Dpo is null ? ChangeKind.Removed : ChangeKind.Added, null,
                b.Dpo is null ? $"data protection officer removed ({a.Dpo!.Name})" : $"data protection officer added: {b.Dpo.Name}", Reasons.Contacts);
        }
        else if (a.Dpo is not null && b.Dpo is not null)
        {
            Party("organisation.dpo", "data protection officer", a.Dpo, b.Dpo);
        }

        if (a.Authority != b.Authority)
        {
            Editorial("organisation.authority", ChangeKind.Changed, null, $"supervisory authority {a.Authority.Name} → {b.Authority.Name}", Reasons.Contacts);
        }

        if (!a.Channels.Select(c => (c.Kind, c.Value)).SequenceEqual(b.Channels.Select(c => (c.Kind, c.Value))))
        {
            Editorial("organisation.contact", ChangeKind.Changed, null, "contact channels changed", Reasons.Contacts);
        }
    }

    private static string Identity(Party p) => p.Registration is null ? $"'{p.Name}'" : $"'{p.Name}' ({p.Registration})";

    private void Party(string at, string who, Party a, Party b)
    {
        Wording($"{at}.name", null, $"{who} name", a.Name, b.Name);
        Contact(at, who, a, b);
    }

    private void Contact(string at, string who, Party a, Party b)
    {
        foreach (var (key, x, y) in new[] { ("address", a.Address, b.Address), ("email", a.Email, b.Email), ("phone", a.Phone, b.Phone), ("website", a.Website, b.Website) })
        {
            if (TextChange(x, y) is { } change)
            {
                Editorial($"{at}.{key}", ChangeKind.Changed, null, $"{who} {key} {change}", Reasons.Contacts);
            }
        }
    }

    private void CompareNotice()
    {
        var (a, b) = (old.Notice, @new.Notice);
        if (a.Version != b.Version)
        {
            Editorial("notice.version", ChangeKind.Changed, null, $"notice version {a.Version} → {b.Version}", Reasons.NoticeMetadata);
        }

        if (a.Effective != b.Effective)
        {
            Editorial("notice.effective", ChangeKind.Changed, null, $"notice effective date {a.Effective:yyyy-MM-dd} → {b.Effective:yyyy-MM-dd}", Reasons.NoticeMetadata);
        }

        var (added, removed) = Match(a.Languages, b.Languages);
        foreach (var l in added)
        {
            Editorial($"notice.languages.{l}", ChangeKind.Added, null, $"notice now also published in '{l}'", Reasons.NoticeMetadata);
        }

        foreach (var l in removed)
        {
            Editorial($"notice.languages.{l}", ChangeKind.Removed, null, $"notice no longer published in '{l}'", Reasons.NoticeMetadata);
        }

        Wording("notice.url", null, "notice address", a.Url, b.Url);
        if (a.Changes.Posted != b.Changes.Posted || a.Changes.EmailWhenMaterial != b.Changes.EmailWhenMaterial || !Equals(a.Changes.Text, b.Changes.Text))
        {
            Editorial("notice.changes", ChangeKind.Changed, null, "how changes are announced changed", Reasons.NoticeMetadata);
        }

        var (historyAdded, historyRemoved, historyBoth) = Match(a.History, b.History, h => h.Version);
        foreach (var h in historyAdded)
        {
            Editorial($"notice.history.{h.Version}", ChangeKind.Added, null, $"notice history entry {h.Version} ({h.Date:yyyy-MM-dd}) added", Reasons.NoticeMetadata);
        }

        foreach (var h in historyRemoved)
        {
            Editorial($"notice.history.{h.Version}", ChangeKind.Removed, null, $"notice history entry {h.Version} removed", Reasons.NoticeMetadata);
        }

        foreach (var (x, y) in historyBoth.Where(p => p.Old != p.New))
        {
            Editorial($"notice.history.{y.Version}", ChangeKind.Changed, null, $"notice history entry {y.Version} edited", Reasons.NoticeMetadata);
        }
    }

    private void CompareTaxonomy()
    {
        Entries("taxonomy.categories", "data category", old.Taxonomy.Categories, @new.Taxonomy.Categories, c => c.Key, c => c.Name, c => c.Description);
        Entries("taxonomy.purposes", "purpose", old.Taxonomy.Purposes, @new.Taxonomy.Purposes, c => c.Key, c => c.Name, c => c.Description);
        Entries("taxonomy.subjects", "data subject", old.Taxonomy.Subjects, @new.Taxonomy.Subjects, c => c.Key, c => c.Name, c => c.Description);
        Entries("taxonomy.identifiers", "identifier", old.Taxonomy.Identifiers, @new.Taxonomy.Identifiers, c => c.Key, c => c.Name, c => c.Description);
        Entries("taxonomy.cookie_categories", "cookie category", old.Taxonomy.CookieCategories, @new.Taxonomy.CookieCategories, c => c.Key, c => c.Name, c => c.Description);
    }

    private void Entries<T>(string at, string what, IEnumerable<T> a, IEnumerable<T> b, Func<T, string> key, Func<T, LocalizedText> name, Func<T, LocalizedText?> description)
    {
        var (added, removed, both) = Match(a, b, key);
        foreach (var e in added)
        {
            Editorial($"{at}.{key(e)}", ChangeKind.Added, null, $"{what} '{key(e)}' defined", Reasons.Vocabulary);
        }

        foreach (var e in removed)
        {
            Editorial($"{at}.{key(e)}", ChangeKind.Removed, null, $"{what} '{key(e)}' no longer defined", Reasons.Vocabulary);
        }

        foreach (var (x, y) in both)
        {
            Wording($"{at}.{key(y)}.name", null, $"{what} '{key(y)}' name", name(x), name(y));
            Wording($"{at}.{key(y)}.description", null, $"{what} '{key(y)}' description", description(x), description(y));
        }
    }

    private void CompareSystems()
    {
        var (added, removed, both) = Match(old.Systems, @new.Systems, s => s.Id);
        foreach (var s in added)
        {
            Editorial($"systems.{s.Id}", ChangeKind.Added, null, $"system '{s.Id}' added to the data map", Reasons.DataMap);
        }

        foreach (var s in removed)
        {
            Editorial($"systems.{s.Id}", ChangeKind.Removed, null, $"system '{s.Id}' removed from the data map", Reasons.DataMap);
        }

        foreach (var (x, y) in both)
        {
            var (tablesAdded, tablesRemoved, tablesBoth) = Match(x.Tables, y.Tables, t => t.Name);
            foreach (var t in tablesAdded)
            {
                Editorial($"systems.{y.Id}.tables.{t.Name}", ChangeKind.Added, null, $"system '{y.Id}': table '{t.Name}' added to the data map", Reasons.DataMap);
            }

            foreach (var t in tablesRemoved)
            {
                Editorial($"systems.{y.Id}.tables.{t.Name}", ChangeKind.Removed, null, $"system '{y.Id}': table '{t.Name}' removed from the data map", Reasons.DataMap);
            }

            foreach (var (t, u) in tablesBoth.Where(p => !SameTable(p.Old, p.New)))
            {
                Editorial($"systems.{y.Id}.tables.{u.Name}", ChangeKind.Changed, null, $"system '{y.Id}': mapping of table '{u.Name}' changed", Reasons.DataMap);
            }

            if (x.Country != y.Country || x.Connector != y.Connector || x.ConnectionEnv != y.ConnectionEnv || !Equals(x.Name, y.Name) || !Equals(x.Description, y.Description))
            {
                Editorial($"systems.{y.Id}", ChangeKind.Changed, null, $"system '{y.Id}' settings changed", Reasons.DataMap);
            }
        }
    }

    private static bool SameTable(TableMap a, TableMap b) =>
        a.Subject == b.Subject && a.Erasure == b.Erasure && a.Hold == b.Hold && a.PrimaryKey.SequenceEqual(b.PrimaryKey) && a.Timestamps.SequenceEqual(b.Timestamps)
        && a.Columns.SequenceEqual(b.Columns)
        && a.Identity.Select(i => (i.Column, i.Identifier)).SequenceEqual(b.Identity.Select(i => (i.Column, i.Identifier)))
        && a.References.Select(r => (r.Column, r.Table, r.TargetColumn)).SequenceEqual(b.References.Select(r => (r.Column, r.Table, r.TargetColumn)))
        && a.Fields.Select(f => (f.Column, f.Category, f.Erasure, f.Hold)).SequenceEqual(b.Fields.Select(f => (f.Column, f.Category, f.Erasure, f.Hold)));

    private void CompareEvents()
    {
        var (added, removed, both) = Match(old.Events, @new.Events, e => e.Id);
        foreach (var e in added)
        {
            Editorial($"events.{e.Id}", ChangeKind.Added, null, $"event '{e.Id}' defined", Reasons.Vocabulary);
        }

        foreach (var e in removed)
        {
            Editorial($"events.{e.Id}", ChangeKind.Removed, null, $"event '{e.Id}' no longer defined", Reasons.Vocabulary);
        }

        foreach (var (x, y) in both)
        {
            Wording($"events.{y.Id}.description", null, $"event '{y.Id}' description", x.Description, y.Description);
        }
    }

    private void CompareSecurityAndRights()
    {
        var (added, removed, _) = Match(old.SecurityMeasures, @new.SecurityMeasures, m => m.Default);
        foreach (var m in added)
        {
            Editorial("security_measures", ChangeKind.Added, null, $"security measure added: {Short(m.Default)}", Reasons.Operations);
        }

        foreach (var m in removed)
        {
            Editorial("security_measures", ChangeKind.Removed, null, $"security measure removed: {Short(m.Default)}", Reasons.Operations);
        }

        var (a, b) = (old.Rights, @new.Rights);
        if (a.Response != b.Response || a.Extension != b.Extension)
        {
            Editorial("rights.response", ChangeKind.Changed, null, $"requests answered within {a.Response} (+{a.Extension}) → {b.Response} (+{b.Extension})", Reasons.Operations);
        }

        var (rightsAdded, rightsRemoved) = Match([.. a.Rights.Select(EnumNames.Of)], [.. b.Rights.Select(EnumNames.Of)]);
        foreach (var r in rightsAdded)
        {
            Editorial($"rights.rights.{r}", ChangeKind.Added, null, $"right '{r}' now offered through Pledge", Reasons.Operations);
        }

        foreach (var r in rightsRemoved)
        {
            Editorial($"rights.rights.{r}", ChangeKind.Removed, null, $"right '{r}' no longer offered through Pledge (the right itself exists by law)", Reasons.Operations);
        }

        if (!a.Verification.SequenceEqual(b.Verification) || !a.Approval.SequenceEqual(b.Approval)
            || !a.Channels.Select(c => (c.Kind, c.Value)).SequenceEqual(b.Channels.Select(c => (c.Kind, c.Value))))
        {
            Editorial("rights", ChangeKind.Changed, null, "how requests are made, verified or approved changed", Reasons.Operations);
        }

        Wording("rights.fee", null, "request fee", a.Fee, b.Fee);
    }
}
