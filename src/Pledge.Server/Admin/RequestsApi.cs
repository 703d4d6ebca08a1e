using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Pledge.Access;
using Pledge.Policy.Loading;
using Pledge.Requests;
using Pledge.Server.Hosting;
using Pledge.Server.Security;

namespace Pledge.Server.Admin;

/// <summary>Data-subject requests and retention for machine clients: API keys with <c>requests:*</c> and <c>retention:read</c>.</summary>
public static class RequestsApi
{
    /// <summary>A request as the API shows it.</summary>
    public sealed record RequestView(long Id, string Kind, string Status, string Subject, DateTimeOffset ReceivedAt, DateTimeOffset Due, bool Overdue,
        DateTimeOffset? ExtendedAt, string? Extension, DateTimeOffset? VerifiedAt, DateTimeOffset? ApprovedAt, DateTimeOffset? ClosedAt, string? Rejection, string? Result);

    /// <summary>A new request.</summary>
    /// <param name="Kind">access, portability, rectification, erasure, restriction, objection, information.</param>
    /// <param name="Subject">kind:value, e.g. email:ada@example.com.</param>
    /// <param name="Changes">Rectification: system.table.column to the corrected value.</param>
    /// <param name="Activity">Objection or restriction: the activity concerned.</param>
    public sealed record SubmitRequest(string? Kind, string? Subject, string? ContactEmail, Dictionary<string, string>? Changes, string? Activity);

    /// <summary>An action on a request.</summary>
    /// <param name="Action">verify, approve, extend, reject or run.</param>
    /// <param name="Reason">extend: complexity, number_of_requests; reject: identity_not_verified, manifestly_unfounded, excessive, withdrawn_by_subject, duplicate, legal_exemption, right_not_applicable.</param>
    /// <param name="Note">For staff; never audited.</param>
    public sealed record ActionRequest(string? Action, string? Reason, string? Note);

    /// <summary>What an action did.</summary>
    public sealed record ActionResult(RequestView Request, string? Summary, bool ExportStored);

    public static IEndpointRouteBuilder MapRequestsApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1/requests").RequireAuthorization(ApiScopes.RequestsRead).WithTags("Requests");
        read.MapGet("", ListAsync).WithName("ListRequests");
        read.MapGet("/{id:long}", GetAsync).WithName("GetRequest");
        var write = app.MapGroup("/api/v1/requests").RequireAuthorization(ApiScopes.RequestsWrite).WithTags("Requests");
        write.MapPost("", SubmitAsync).WithName("SubmitRequest");
        write.MapPost("/{id:long}/actions", ActAsync).WithName("ActOnRequest");
        write.MapGet("/{id:long}/export", ExportAsync).WithName("DownloadRequestExport");
        return app;
    }

    internal static RequestView View(DataRequest r, DateTimeOffset now) => new(r.Id, RequestDesk.Name(r.Kind), RequestDesk.Name(r.Status), r.Subject.Kind + ":" + r.Subject.Value,
        r.ReceivedAt, r.Due, r.IsOverdue(now), r.ExtendedAt, r.Extension is { } e ? EnumNames.Of(e) : null, r.VerifiedAt, r.ApprovedAt, r.ClosedAt,
        r.Rejection is { } j ? EnumNames.Of(j) : null, r.Result);

    private static async Task<Results<Ok<RequestView[]>, ProblemHttpResult>> ListAsync(PledgeSite site, TimeProvider time, string? status, bool? all, bool? overdue,
        CancellationToken cancellationToken)
    {
        RequestStatus? wanted = null;
        if (status is not null)
        {
            if (!EnumNames.TryParse<RequestStatus>(status, out var parsed))
            {
                return Problems.Invalid("status", "one of " + string.Join(", ", EnumNames.All<RequestStatus>()));
            }

            wanted = parsed;
        }

        var now = time.GetUtcNow();
        var list = await site.Requests.ListAsync(new RequestFilter(OpenOnly: all != true && wanted is null, Status: wanted, OverdueOnly: overdue == true), cancellationToken);
        return TypedResults.Ok(list.Select(r => View(r, now)).ToArray());
    }

    private static async Task<Results<Ok<RequestView>, ProblemHttpResult>> GetAsync(long id, PledgeSite site, TimeProvider time, CancellationToken cancellationToken) =>
        await site.Requests.GetAsync(id, cancellationToken) is { } request ? TypedResults.Ok(View(request, time.GetUtcNow())) : Problems.NotFound($"no request {id}");

    private static async Task<Results<Created<RequestView>, ProblemHttpResult>> SubmitAsync(SubmitRequest body, ClaimsPrincipal user, PledgeSite site, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (body.Kind is null || !EnumNames.TryParse<RequestKind>(body.Kind, out var kind))
        {
            return Problems.Invalid("kind", "one of " + string.Join(", ", EnumNames.All<RequestKind>()));
        }

        var subject = Consent.SubjectIdentifier.Parse(body.Subject);
        if (subject.Identifier is not { } id)
        {
            return Problems.Invalid("subject", subject.Error!);
        }

        var details = new RequestDetails(body.Changes is { Count: > 0 } changes ? changes.ToImmutableSortedDictionary(StringComparer.Ordinal) : null, body.Activity);
        var result = await site.Requests.SubmitAsync(new RequestSubmission(kind, new Connectors.Locating.SubjectIdentifier(id.Kind, id.Value), body.ContactEmail, details),
            Actor(user), cancellationToken);
        return result.Request is { } request
            ? TypedResults.Created($"/api/v1/requests/{request.Id}", View(request, time.GetUtcNow()))
            : Problem(result.Error!);
    }

    private static async Task<Results<Ok<ActionResult>, ProblemHttpResult>> ActAsync(long id, ActionRequest body, ClaimsPrincipal user, PledgeSite site, TimeProvider time,
        IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        if (body.Action is null || !RequestActions.Names.Contains(body.Action))
        {
            return Problems.Invalid("action", "one of " + string.Join(", ", RequestActions.Names));
        }

        var outcome = await RequestActions.ApplyAsync(site, options.Value.Admin, id, body.Action, body.Reason, body.Note, Actor(user), cancellationToken);
        if (outcome.Error is { } error)
        {
            return outcome.Unavailable.Count > 0
                ? TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Systems could not be opened",
                    detail: error.Message + ": " + string.Join("; ", outcome.Unavailable), type: Problems.TypeBase + "request/system_failed")
                : Problem(error);
        }

        return TypedResults.Ok(new ActionResult(View(outcome.Request!, time.GetUtcNow()), outcome.Summary, outcome.ExportStored));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(long id, PledgeSite site, CancellationToken cancellationToken) =>
        await RequestExports.FindAsync(site.Store, id, cancellationToken) is { } export
            ? TypedResults.File(export.Content, "application/zip", export.FileName)
            : Problems.NotFound($"request {id} has no export (not run yet, or expired)");

    internal static ProblemHttpResult Problem(RequestError error) => TypedResults.Problem(
        statusCode: error.Kind switch
        {
            RequestErrorKind.NotFound => StatusCodes.Status404NotFound,
            RequestErrorKind.InvalidInput => StatusCodes.Status400BadRequest,
            RequestErrorKind.SystemFailed => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status409Conflict,
        },
        title: "The request operation was refused", detail: error.Message, type: Problems.TypeBase + "request/" + EnumNames.Of(error.Kind));

    private static string Actor(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "api:unknown";
}

/// <summary>Retention for machine clients with the <c>retention:read</c> scope: the plan and past runs.</summary>
public static class RetentionApi
{
    /// <summary>What a rule would do now.</summary>
    public sealed record RulePlanView(string Rule, string System, string Table, string Action, DateTimeOffset Cutoff, long Rows, string? OldestAnchor, long Held);

    /// <summary>The plan, and the rules left out with why.</summary>
    public sealed record PlanView(RulePlanView[] Rules, string[] Skipped);

    public static IEndpointRouteBuilder MapRetentionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/retention").RequireAuthorization(ApiScopes.RetentionRead).WithTags("Retention");
        api.MapGet("/plan", async (PledgeSite site, CancellationToken cancellationToken) =>
        {
            var (plan, skipped) = await RetentionPages.PlanAsync(site, cancellationToken);
            return TypedResults.Ok(new PlanView([.. plan.Select(p => new RulePlanView(p.RuleId, p.System, p.Table, p.Action.ToString().ToLowerInvariant(), p.Cutoff, p.Rows, p.OldestAnchor, p.Held))],
                [.. skipped]));
        }).WithName("RetentionPlan");
        api.MapGet("/runs", async (PledgeSite site, CancellationToken cancellationToken) => TypedResults.Ok(await Retention.RetentionRuns.ListAsync(site.Store, 100, cancellationToken)))
            .WithName("RetentionRuns");
        return app;
    }
}
