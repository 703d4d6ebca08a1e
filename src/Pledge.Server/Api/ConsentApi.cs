using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pledge.Access;
using Pledge.Consent;
using Pledge.Policy.Loading;
using Pledge.Server.Hosting;
using Pledge.Server.Security;

namespace Pledge.Server.Api;

/// <summary>Consent events from other systems (a CRM, a sign-up form), for API keys with the <c>consent:write</c> scope.</summary>
public static class ConsentApi
{
    /// <summary>An event to record.</summary>
    /// <param name="Kind">consent_given, consent_withdrawn, objection, compelling_grounds, restriction_placed, restriction_lifted, preference_set.</param>
    /// <param name="Channel">web_form, cookie_banner, email_link, api (default), import, verbal, in_product.</param>
    /// <param name="IdempotencyKey">Unique per event: a retry with the same key is stored once.</param>
    /// <param name="At">When it happened (default: now).</param>
    public sealed record EventRequest(string? Subject, string? Kind, string? Activity, string? Channel, string? IdempotencyKey, DateTimeOffset? At, bool Gpc,
        Preference? Preference);

    /// <summary>The stored event.</summary>
    public sealed record EventReceipt(long Sequence, bool Duplicate, string PolicyVersion);

    public static IEndpointRouteBuilder MapConsentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/consent").RequireAuthorization(ApiScopes.ConsentWrite).WithTags("Consent");
        api.MapPost("/events", RecordAsync).WithName("RecordConsentEvent");
        return app;
    }

    private static async Task<Results<Ok<EventReceipt>, ProblemHttpResult>> RecordAsync(EventRequest request, ClaimsPrincipal user, PledgeSite site,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var subject = SubjectIdentifier.Parse(request.Subject);
        if (subject.Identifier is null)
        {
            return Problems.Invalid("subject", subject.Error!);
        }

        if (request.Kind is null || !EnumNames.TryParse<LedgerEventKind>(request.Kind, out var kind) || kind == LedgerEventKind.Erased)
        {
            return Problems.Invalid("kind", "one of: " + string.Join(", ", EnumNames.All<LedgerEventKind>().Where(k => k != "erased")));
        }

        var channel = EvidenceChannel.Api;
        if (request.Channel is not null && !EnumNames.TryParse(request.Channel, out channel))
        {
            return Problems.Invalid("channel", "one of: " + string.Join(", ", EnumNames.All<EvidenceChannel>()));
        }

        var actor = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "api:unknown";
        var evidence = new Evidence(request.At ?? time.GetUtcNow(), site.Version, channel, actor, request.IdempotencyKey ?? "",
            request.Gpc ? ConsentSignal.GlobalPrivacyControl : ConsentSignal.None);
        var result = await site.Ledger.AppendAsync(new LedgerEvent(subject.Identifier, kind, request.Activity, evidence, request.Preference), cancellationToken);
        return result.Error is { } error ? Problems.Ledger(error) : TypedResults.Ok(new EventReceipt(result.Sequence, result.Duplicate, site.Version));
    }
}
