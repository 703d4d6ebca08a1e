using System.Globalization;
using Pledge.Consent;
using Pledge.Policy.Loading;
using Pledge.Server.Hosting;
using Pledge.Storage;

namespace Pledge.Server.Admin;

/// <summary>Subject lookup: a normalised identifier's subject, its identifiers, current state, events and decisions.</summary>
internal static class SubjectPages
{
    public static void MapSubjectPages(this RouteGroupBuilder admin) => admin.MapGet("/subjects", LookupAsync).RequireAuthorization(AdminPolicies.Read);

    private static async Task<IResult> LookupAsync(HttpContext context, PledgeSite site, TimeProvider time, string? identifier, CancellationToken cancellationToken)
    {
        var page = new AdminPage(context).Heading("Subject lookup");
        page.Raw("<form method=\"get\" action=\"/admin/subjects\" role=\"search\">\n")
            .Input("identifier", "Identifier (kind:value, e.g. email:ada@example.com)", value: identifier, required: true)
            .Raw("<button type=\"submit\">Look up</button>\n</form>\n");
        if (string.IsNullOrWhiteSpace(identifier))
        {
            return page.Render("Subjects");
        }

        var parsed = SubjectIdentifier.Parse(identifier);
        if (parsed.Identifier is not { } id)
        {
            return page.Notice(parsed.Error, error: true).Render("Subjects", StatusCodes.Status400BadRequest);
        }

        var found = await site.Store.ReadAsync((s, ct) => SubjectDirectory.FindAsync(s, id, site.Requests.Pseudonyms, ct), cancellationToken);
        page.Heading(id.Key, 2);
        var now = time.GetUtcNow();
        var requests = (await site.Requests.ListAsync(new Requests.RequestFilter(OpenOnly: false), cancellationToken))
            .Where(r => r.Subject.Kind == id.Kind && r.Subject.Value == id.Value).ToList();
        if (found is null)
        {
            page.Paragraph("Not in the consent ledger: decisions follow the lawful basis alone.");
        }
        else
        {
            var identifiers = await site.Store.ReadAsync((s, ct) => SubjectDirectory.IdentifiersAsync(s, found.SubjectId, ct), cancellationToken);
            page.Paragraph($"Subject {found.SubjectId.ToString(CultureInfo.InvariantCulture)}{(found.Erased ? " (erased; found through the identifier's pseudonym)" : "")}.");
            page.Table("Identifiers", ["Identifier"], identifiers.Select(i => (IReadOnlyList<string>)[i]));
            var rows = await site.Store.ReadAsync((s, ct) => ConsentProjection.LoadAsync(s, [found.SubjectId], ct), cancellationToken);
            page.Table("Current consents, objections and restrictions", ["Facet", "Activity or scope", "Status", "Value", "Since", "Policy version"],
                rows.Select(r => (IReadOnlyList<string>)[EnumNames.Of(r.Facet), r.Scope, r.Status.ToString(CultureInfo.InvariantCulture), r.Value ?? "",
                    AdminPage.Date(StoreTime.FromMicros(r.At)), r.PolicyVersion ?? ""]));
            var events = await LedgerHistory.OfSubjectAsync(site.Store, found.SubjectId, cancellationToken);
            page.Table("Event history, oldest first", ["Event", "At", "Kind", "Activity", "Policy version", "Channel", "Signal", "Actor"],
                events.Select(e => (IReadOnlyList<string>)[e.Sequence.ToString(CultureInfo.InvariantCulture), AdminPage.Date(e.At), e.Kind.Code(), e.Activity ?? e.Scope ?? "",
                    e.PolicyVersion, e.Channel, e.Signal.Code() ?? "", e.Actor]));
        }

        var decisions = new List<IReadOnlyList<string>>();
        foreach (var activity in site.Policy.Activities)
        {
            var decision = await site.Decisions.DecideAsync(id, activity.Id, now, cancellationToken);
            decisions.Add([activity.Id, decision.Allowed ? "allowed" : "denied", string.Join(", ", decision.Codes)]);
        }

        page.Table("Decisions per activity, now", ["Activity", "Decision", "Reasons"], decisions);
        page.TableHtml("Requests under this identifier", ["Request", "Kind", "Status", "Due"], requests.Select(r => (IReadOnlyList<string>)
            [AdminPage.Link($"/admin/requests/{r.Id}", "#" + r.Id.ToString(CultureInfo.InvariantCulture)), Requests.RequestDesk.Name(r.Kind),
             Requests.RequestDesk.Name(r.Status), AdminPage.Date(r.Due)]));
        return page.Render("Subject " + id.Key);
    }
}
