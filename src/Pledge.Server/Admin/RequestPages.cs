using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Pledge.Access;
using Pledge.Policy.Loading;
using Pledge.Requests;
using Pledge.Server.Hosting;
using static Pledge.Server.Pages.Html;

namespace Pledge.Server.Admin;

/// <summary>The request queue (most urgent first) and a request's page with the actions its status allows.</summary>
internal static class RequestPages
{
    /// <summary>Open requests due within this window are marked "due soon".</summary>
    public static readonly TimeSpan DueSoon = TimeSpan.FromDays(7);

    public sealed class ActionForm
    {
        public string? Reason { get; set; }

        public string? Note { get; set; }
    }

    public static void MapRequestPages(this RouteGroupBuilder admin)
    {
        admin.MapGet("", QueueAsync).RequireAuthorization(AdminPolicies.Read);
        admin.MapGet("/requests/{id:long}", DetailAsync).RequireAuthorization(AdminPolicies.Read);
        admin.MapGet("/requests/{id:long}/export", ExportAsync).RequireAuthorization(AdminPolicies.Act);
        foreach (var action in RequestActions.Names)
        {
            admin.MapPost("/requests/{id:long}/" + action, ([FromForm] ActionForm? form, long id, HttpContext context, PledgeSite site, IOptions<ServerOptions> options,
                CancellationToken cancellationToken) => ActAsync(action, form, id, context, site, options.Value.Admin, cancellationToken)).RequireAuthorization(AdminPolicies.Act);
        }
    }

    private static async Task<IResult> QueueAsync(HttpContext context, PledgeSite site, TimeProvider time, bool? all, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var requests = await site.Requests.ListAsync(new RequestFilter(OpenOnly: all != true), cancellationToken);
        var page = new AdminPage(context).Heading(all == true ? "All requests" : "Open requests")
            .Paragraph($"{requests.Count(r => r.IsOverdue(now))} overdue, {requests.Count(r => r.IsDueSoon(now, DueSoon))} due within {DueSoon.TotalDays} days; most urgent first.")
            .Raw(all == true ? "<p><a href=\"/admin\">Only open requests</a></p>\n" : "<p><a href=\"/admin?all=true\">Include closed requests</a></p>\n");
        page.TableHtml("Requests by due date", ["Request", "Kind", "Status", "Subject", "Received", "Due"], requests.Select(r => (IReadOnlyList<string>)
        [
            AdminPage.Link($"/admin/requests/{r.Id}", "#" + r.Id.ToString(CultureInfo.InvariantCulture)),
            Encode(RequestDesk.Name(r.Kind)),
            Encode(RequestDesk.Name(r.Status).Replace('_', ' ')),
            Encode(r.Subject.Kind + ":" + r.Subject.Value),
            Encode(AdminPage.Date(r.ReceivedAt)),
            Due(r, now),
        ]));
        return page.Render("Requests");
    }

    private static string Due(DataRequest r, DateTimeOffset now) =>
        r.IsOverdue(now) ? $"<span class=\"overdue\">Overdue: {Encode(AdminPage.Date(r.Due))}</span>"
        : r.IsDueSoon(now, DueSoon) ? $"<span class=\"due-soon\">Due soon: {Encode(AdminPage.Date(r.Due))}</span>"
        : Encode(AdminPage.Date(r.Due));

    private static async Task<IResult> DetailAsync(long id, HttpContext context, PledgeSite site, TimeProvider time, string? done, CancellationToken cancellationToken)
    {
        var request = await site.Requests.GetAsync(id, cancellationToken);
        if (request is null)
        {
            return new AdminPage(context).Heading("No such request").Paragraph($"There is no request {id}.").Render("Not found", StatusCodes.Status404NotFound);
        }

        var message = done is null ? null : RequestActions.Names.Contains(done) ? $"Done: {done}." : null;
        return (await DetailPageAsync(context, site, request, time.GetUtcNow(), message, false, [], cancellationToken)).Render($"Request {id}");
    }

    private static async Task<AdminPage> DetailPageAsync(HttpContext context, PledgeSite site, DataRequest r, DateTimeOffset now, string? message, bool error,
        IReadOnlyList<string> unavailable, CancellationToken cancellationToken)
    {
        var id = r.Id.ToString(CultureInfo.InvariantCulture);
        var page = new AdminPage(context).Heading($"Request #{id}: {RequestDesk.Name(r.Kind)}").Notice(message, error);
        if (unavailable.Count > 0)
        {
            page.Raw("<ul class=\"error\" aria-label=\"Systems that could not be opened\">\n")
                .Raw(string.Concat(unavailable.Select(u => "<li>" + Encode(u) + "</li>\n"))).Raw("</ul>\n");
        }

        page.Raw("<dl>\n");
        foreach (var (term, value) in new (string, string?)[]
        {
            ("Status", RequestDesk.Name(r.Status).Replace('_', ' ')),
            ("Subject", r.Subject.Kind + ":" + r.Subject.Value + (r.Pseudonymised ? " (pseudonymised after erasure)" : "")),
            ("Contact", r.ContactEmail),
            ("Received", AdminPage.Date(r.ReceivedAt)),
            ("Due", AdminPage.Date(r.Due) + (r.IsOverdue(now) ? " (overdue)" : r.IsDueSoon(now, DueSoon) ? " (due soon)" : "")),
            ("Extended", r.ExtendedAt is null ? null : $"{AdminPage.Date(r.ExtendedAt)}: {EnumNames.Of(r.Extension!.Value)} {r.ExtensionNote}"),
            ("Verified", AdminPage.Date(r.VerifiedAt)),
            ("Approved", r.ApprovedAt is null ? null : $"{AdminPage.Date(r.ApprovedAt)} by {r.ApprovedBy}"),
            ("Activity", r.Details.Activity),
            ("Changes", r.Details.Changes is { Count: > 0 } changes ? string.Join("; ", changes.Select(c => $"{c.Key} → {c.Value}")) : null),
            ("Closed", AdminPage.Date(r.ClosedAt)),
            ("Rejected", r.Rejection is null ? null : EnumNames.Of(r.Rejection.Value) + (r.RejectionNote is null ? "" : ": " + r.RejectionNote)),
            ("Result", r.Result),
        })
        {
            if (!string.IsNullOrEmpty(value))
            {
                page.Raw("<dt>").Text(term).Raw("</dt><dd>").Text(value).Raw("</dd>\n");
            }
        }

        page.Raw("</dl>\n");
        var canAct = AdminPolicies.RoleOf(context.User) >= StaffRole.PrivacyOfficer;
        if (canAct && r.Kind is RequestKind.Access or RequestKind.Portability && await RequestExports.FindAsync(site.Store, r.Id, cancellationToken) is { } export)
        {
            page.Raw("<p>").Raw(AdminPage.Link($"/admin/requests/{id}/export", "Download the export")).Text($" ({export.Content.Length:N0} bytes, kept until {AdminPage.Date(export.ExpiresAt)})").Raw("</p>\n");
        }

        if (!canAct || !r.IsOpen)
        {
            return page;
        }

        page.Heading("Actions", 2);
        if (r.Status == RequestStatus.Received)
        {
            page.Button($"/admin/requests/{id}/verify", "Mark identity verified");
        }

        if (r.Status == RequestStatus.AwaitingApproval)
        {
            page.Button($"/admin/requests/{id}/approve", "Approve");
        }

        if (r.Status is RequestStatus.Verified or RequestStatus.InProgress)
        {
            page.Button($"/admin/requests/{id}/run", r.Status == RequestStatus.InProgress ? "Run again" : "Run");
        }

        if (r.ExtendedAt is null)
        {
            page.Form($"/admin/requests/{id}/extend").Raw("<fieldset><legend>Extend the deadline</legend>\n")
                .Select("reason", "Reason", EnumNames.All<ExtensionReason>().Select(n => (n, n.Replace('_', ' '))), id: "extend-reason")
                .Input("note", "Note for staff (optional)", id: "extend-note")
                .Raw("<button type=\"submit\">Extend by ").Text(site.Policy.Rights.Extension.ToString()).Raw("</button>\n</fieldset>\n</form>\n");
        }

        page.Form($"/admin/requests/{id}/reject").Raw("<fieldset><legend>Reject</legend>\n")
            .Select("reason", "Reason", EnumNames.All<RejectionReason>().Select(n => (n, n.Replace('_', ' '))), id: "reject-reason")
            .Input("note", "Note for staff (optional)", id: "reject-note")
            .Raw("<button type=\"submit\">Reject</button>\n</fieldset>\n</form>\n");
        return page;
    }

    private static async Task<IResult> ActAsync(string action, ActionForm? form, long id, HttpContext context, PledgeSite site, AdminOptions options, CancellationToken cancellationToken)
    {
        var outcome = await RequestActions.ApplyAsync(site, options, id, action, form?.Reason, form?.Note, AdminPolicies.Actor(context.User), cancellationToken);
        if (outcome.Error is null && action != "run")
        {
            return Results.Redirect($"/admin/requests/{id}?done={action}");
        }

        var request = outcome.Request ?? await site.Requests.GetAsync(id, cancellationToken);
        if (request is null)
        {
            return new AdminPage(context).Heading("No such request").Paragraph($"There is no request {id}.").Render("Not found", StatusCodes.Status404NotFound);
        }

        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var message = outcome.Error is { } error ? "Not done: " + error.Message : "Run finished: " + outcome.Summary + (outcome.ExportStored ? ". The export is ready to download." : ".");
        var status = outcome.Error switch
        {
            null => StatusCodes.Status200OK,
            { Kind: RequestErrorKind.InvalidInput } => StatusCodes.Status400BadRequest,
            { Kind: RequestErrorKind.SystemFailed } => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status409Conflict,
        };
        return (await DetailPageAsync(context, site, request, now, message, outcome.Error is not null, outcome.Unavailable, cancellationToken)).Render($"Request {id}", status);
    }

    private static async Task<IResult> ExportAsync(long id, PledgeSite site, CancellationToken cancellationToken) =>
        await RequestExports.FindAsync(site.Store, id, cancellationToken) is { } export
            ? Results.File(export.Content, "application/zip", export.FileName)
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"request {id} has no export (not run yet, or expired)",
                type: Security.Problems.TypeBase + "not-found");
}
