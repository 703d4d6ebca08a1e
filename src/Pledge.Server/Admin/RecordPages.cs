using System.Globalization;
using Pledge.Audit;
using Pledge.Records;
using Pledge.Server.Hosting;

namespace Pledge.Server.Admin;

/// <summary>Records of processing (Art. 30), processors and transfers, and the audit log's verification.</summary>
internal static class RecordPages
{
    public static void MapRecordPages(this RouteGroupBuilder admin)
    {
        admin.MapGet("/records", Records).RequireAuthorization(AdminPolicies.Read);
        admin.MapGet("/audit", AuditAsync).RequireAuthorization(AdminPolicies.Read);
    }

    private static IResult Records(HttpContext context, PledgeSite site)
    {
        var record = RecordOfProcessing.From(site.Policy);
        var page = new AdminPage(context).Heading("Records of processing")
            .Paragraph($"Controller: {record.Controller.Party.Name}. Notice version {record.Generated.NoticeVersion}, effective {record.Generated.NoticeEffective:yyyy-MM-dd}.");
        page.Table("Processing activities", ["Activity", "Purposes", "Lawful basis", "Categories", "Recipients", "Retention"],
            record.Activities.Select(a => (IReadOnlyList<string>)[a.Name + " (" + a.Id + ")", string.Join(", ", a.Purposes.Select(p => p.Name)), a.LawfulBasis + " — " + a.LawfulBasisArticle,
                string.Join(", ", a.Categories.Select(c => c.Name)), string.Join(", ", a.Recipients.Select(r => r.Name)), string.Join("; ", a.Retention.Select(r => r.Description))]));
        var processors = record.Activities.SelectMany(a => a.Recipients.Where(r => r.Kind == "processor").Select(r => (Activity: a.Id, Recipient: r)))
            .GroupBy(x => x.Recipient.Name).OrderBy(g => g.Key, StringComparer.Ordinal);
        page.Table("Processors", ["Processor", "Role", "Locations", "Third countries", "Activities"],
            processors.Select(g => (IReadOnlyList<string>)[g.Key, g.First().Recipient.Role ?? "", string.Join(", ", g.First().Recipient.Locations),
                string.Join(", ", g.First().Recipient.ThirdCountries), string.Join(", ", g.Select(x => x.Activity).Distinct())]));
        page.Table("Transfers to third countries", ["Activity", "Country", "Recipient", "Safeguard", "Mechanism"],
            record.Activities.SelectMany(a => a.Transfers.Select(t => (IReadOnlyList<string>)[a.Id, t.Country, t.Recipient ?? "",
                (t.Safeguard ?? "") + (t.SafeguardArticle is null ? "" : " (" + t.SafeguardArticle + ")"), t.Mechanism ?? (t.Derogation ? "derogation" : "")])));
        return page.Render("Records");
    }

    private static async Task<IResult> AuditAsync(HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        var result = await AuditLog.VerifyAsync(site.Store, cancellationToken);
        var page = new AdminPage(context).Heading("Audit log");
        page.Notice(result.Intact
            ? $"Intact: {result.Entries.ToString("N0", CultureInfo.InvariantCulture)} entries, each following from the one before."
            : $"Broken ({result.Break}) at entry {result.BrokenAt?.ToString(CultureInfo.InvariantCulture)}: {result.Message}", error: !result.Intact);
        page.Raw("<dl>\n<dt>Entries checked</dt><dd>").Text(result.Entries.ToString(CultureInfo.InvariantCulture))
            .Raw("</dd>\n<dt>Head sequence</dt><dd>").Text(result.HeadSequence.ToString(CultureInfo.InvariantCulture))
            .Raw("</dd>\n<dt>Head hash (keep a copy elsewhere to detect a rewrite of the whole log)</dt><dd><code>").Text(result.HeadHash).Raw("</code></dd>\n</dl>\n");
        return page.Render("Audit log");
    }
}
