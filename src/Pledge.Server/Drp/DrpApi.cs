using System.Globalization;
using System.Text;
using Pledge.Requests;
using Pledge.Server.Centre;
using Pledge.Server.Hosting;
using Pledge.Drp;
using LocatingSubject = Pledge.Connectors.Locating.SubjectIdentifier;

namespace Pledge.Server.Drp;

/// <summary>
/// Data Rights Protocol 1.0 for authorised agents: discovery, pair-wise token setup, agent information, and requests
/// (create, status, revoke) mapped onto the <see cref="RequestDesk"/>. Agents and their Ed25519 keys come from
/// <c>Pledge:Drp:Agents</c>; every signed message is verified and seen once (replays are refused until it expires).
/// </summary>
public static class DrpApi
{
    private const string Actor = "drp:";

    private static readonly Dictionary<string, RequestKind> Exercises = new(StringComparer.Ordinal)
    {
        ["access"] = RequestKind.Access,
        ["access:specific"] = RequestKind.Access,
        ["access:categories"] = RequestKind.Information,
        ["deletion"] = RequestKind.Erasure,
        ["sale:opt_out"] = RequestKind.Objection,
    };

    public static IServiceCollection AddDrp(this IServiceCollection services, DrpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (id, agent) in options.Agents)
        {
            if (DrpSignedMessage.Key(agent.VerifyKey) is null)
            {
                throw new ServerStartException($"Pledge:Drp:Agents:{id}:VerifyKey must be an Ed25519 public key of 64 hex digits");
            }
        }

        services.AddSingleton(sp => new DrpStore(sp.GetRequiredService<PledgeSite>().Store));
        return services;
    }

    public static IEndpointRouteBuilder MapDrpApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/data-rights.json", Discovery).RequireRateLimiting(ServerSetup.PublicLimit).WithTags("DRP");
        var drp = app.MapGroup("/v1").RequireRateLimiting(ServerSetup.PublicLimit).WithTags("DRP").DisableAntiforgery();
        drp.MapPost("/agent/{agentId}", SetupAsync);
        drp.MapGet("/agent/{agentId}", AgentAsync);
        drp.MapPost("/data-rights-request", CreateAsync);
        drp.MapGet("/data-rights-request/{requestId}", StatusAsync);
        drp.MapDelete("/data-rights-request/{requestId}", RevokeAsync);
        return app;
    }

    private static DrpStore Store(HttpContext context) => context.RequestServices.GetRequiredService<DrpStore>();

    private static DrpOptions Options(HttpContext context) =>
        context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value.Drp;

    private static IResult Error(int status, string message, bool fatal = false) =>
        Results.Problem(statusCode: status, title: "Data Rights Protocol error", detail: message, type: Security.Problems.TypeBase + "drp",
            extensions: new Dictionary<string, object?> { ["code"] = status.ToString(CultureInfo.InvariantCulture), ["message"] = message, ["fatal"] = fatal });

    private static IResult Discovery(HttpContext context, PledgeSite site) => Results.Json(new Dictionary<string, object>
    {
        ["version"] = "1.0",
        ["api_base"] = CentreUrls.Base(context) + "/v1",
        ["actions"] = Exercises.Keys.Order(StringComparer.Ordinal).ToArray(),
        ["user_relationships"] = Array.Empty<string>(),
        ["business_id"] = Options(context).BusinessId,
        ["name"] = site.Policy.Organisation.Controller.Name,
    });

    private static async Task<string?> BodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > 64 * 1024)
        {
            return null;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(cancellationToken);
        return body.Length > 64 * 1024 ? null : body;
    }

    /// <summary>Verifies a signed body from <paramref name="agentId"/> and records its signature, refusing one seen before.</summary>
    private static async Task<(DrpVerified Message, IResult? Error)> VerifyAsync(HttpContext context, PledgeSite site, string agentId, CancellationToken cancellationToken)
    {
        var options = Options(context);
        if (!options.Agents.TryGetValue(agentId, out var agent))
        {
            return (default, Error(403, "the agent is not on this business's allow-list"));
        }

        if (await BodyAsync(context.Request, cancellationToken) is not { Length: > 0 } body)
        {
            return (default, Error(400, "the body must be a signed message, base64, at most 64 KiB"));
        }

        var now = site.Store.Time.GetUtcNow();
        var verified = DrpSignedMessage.Verify(body, agentId, DrpSignedMessage.Key(agent.VerifyKey)!, options, now);
        if (verified.Error is not null)
        {
            return (verified, Error(verified.Status, verified.Error));
        }

        var fresh = await Store(context).FirstSightingAsync(verified.Signature, verified.Expires, cancellationToken);
        return fresh ? (verified, null) : (verified, Error(403, "this signed message was already received (replay)"));
    }

    /// <summary>The agent whose pair-wise token the request bears, or null.</summary>
    private static async Task<string?> BearerAgentAsync(HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var agent = await Store(context).AgentOfAsync(header["Bearer ".Length..].Trim(), cancellationToken);
        return agent is not null && Options(context).Agents.ContainsKey(agent) ? agent : null;
    }

    private static async Task<IResult> SetupAsync(string agentId, HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        var (_, error) = await VerifyAsync(context, site, agentId, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var token = await Store(context).IssueTokenAsync(agentId, cancellationToken);
        return Results.Json(new Dictionary<string, string> { ["agent-id"] = agentId, ["token"] = token });
    }

    private static async Task<IResult> AgentAsync(string agentId, HttpContext context, PledgeSite site, CancellationToken cancellationToken) =>
        await BearerAgentAsync(context, site, cancellationToken) == agentId ? Results.Json(new Dictionary<string, string>()) : Error(403, "the token is not this agent's");

    private static async Task<IResult> CreateAsync(HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        if (await BearerAgentAsync(context, site, cancellationToken) is not { } agent)
        {
            return Error(403, "a pair-wise token from POST /v1/agent/{agent-id} is required");
        }

        var (message, error) = await VerifyAsync(context, site, agent, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var claims = message.Claims;
        var exercise = DrpSignedMessage.Text(claims, "exercise");
        if (exercise is null || !Exercises.TryGetValue(exercise, out var kind))
        {
            return Error(400, "exercise must be one of: " + string.Join(", ", Exercises.Keys.Order(StringComparer.Ordinal)), fatal: true);
        }

        var email = Consent.SubjectIdentifier.Create("email", DrpSignedMessage.Text(claims, "email") ?? "").Identifier;
        if (email is null)
        {
            return Error(400, "the identity claims must contain a valid email", fatal: true);
        }

        var verifiedByAgent = claims.TryGetProperty("email_verified", out var v) && v.ValueKind == System.Text.Json.JsonValueKind.True;
        var submission = new RequestSubmission(kind, new LocatingSubject("email", email.Value), verifiedByAgent ? null : email.Value);
        var result = await site.Requests.SubmitAsync(submission, Actor + agent, id => RequestPages.StatusLink(context, site, id), cancellationToken);
        if (result.Request is not { } request)
        {
            return Error(400, result.Error!.Message, fatal: true);
        }

        if (verifiedByAgent)
        {
            request = (await site.Requests.MarkVerifiedAsync(request.Id, "authorised agent " + agent, Actor + agent, cancellationToken)).Request ?? request;
        }

        var requestId = Guid.NewGuid().ToString();
        await Store(context).AddRequestAsync(requestId, agent, request.Id, DrpSignedMessage.Text(claims, "regime"), exercise, cancellationToken);
        return Results.Json(Status(context, site, requestId, request));
    }

    private static async Task<(DataRequest? Request, IResult? Error)> FindAsync(string requestId, HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        if (await BearerAgentAsync(context, site, cancellationToken) is not { } agent)
        {
            return (null, Error(403, "a pair-wise token from POST /v1/agent/{agent-id} is required"));
        }

        var row = await Store(context).FindRequestAsync(requestId, cancellationToken);
        if (row is not { } found || found.Agent != agent)
        {
            // Another agent's request and an unknown id answer alike: nothing is revealed about either.
            return (null, Error(403, "no request of this agent has that id"));
        }

        return (await site.Requests.GetAsync(found.Request, cancellationToken), null);
    }

    private static async Task<IResult> StatusAsync(string requestId, HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        var (request, error) = await FindAsync(requestId, context, site, cancellationToken);
        return error ?? (request is null ? Error(404, "the request is gone") : Results.Json(Status(context, site, requestId, request)));
    }

    private static async Task<IResult> RevokeAsync(string requestId, HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        var (request, error) = await FindAsync(requestId, context, site, cancellationToken);
        if (error is not null || request is null)
        {
            return error ?? Error(404, "the request is gone");
        }

        var agent = (await BearerAgentAsync(context, site, cancellationToken))!;
        var (message, invalid) = await VerifyAsync(context, site, agent, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        var reason = DrpSignedMessage.Text(message.Claims, "reason");
        var result = await site.Requests.RejectAsync(request.Id, RejectionReason.WithdrawnBySubject, reason is null ? "revoked through DRP" : "revoked through DRP: " + reason[..Math.Min(reason.Length, 500)],
            Actor + agent, cancellationToken);
        return result.Request is { } revoked ? Results.Json(Status(context, site, requestId, revoked)) : Error(409, "the request is already closed: " + result.Error!.Message);
    }

    private static Dictionary<string, string?> Status(HttpContext context, PledgeSite site, string requestId, DataRequest request)
    {
        var (status, reason) = request.Status switch
        {
            RequestStatus.Received => ("in_progress", "need_user_verification"),
            RequestStatus.Verified or RequestStatus.AwaitingApproval or RequestStatus.InProgress => ("in_progress", null),
            RequestStatus.Completed => ("fulfilled", null),
            _ => request.Rejection switch
            {
                RejectionReason.WithdrawnBySubject => ("revoked", null),
                RejectionReason.IdentityNotVerified => ("denied", "insuf_verification"),
                RejectionReason.RightNotApplicable or RejectionReason.LegalExemption => ("denied", "claim_not_covered"),
                RejectionReason.Excessive => ("denied", "too_many_requests"),
                _ => ("denied", "other"),
            },
        };
        var status_ = new Dictionary<string, string?>
        {
            ["request_id"] = requestId,
            ["status"] = status,
            ["received_at"] = request.ReceivedAt.ToString("O", CultureInfo.InvariantCulture),
            ["expected_by"] = request.Due.ToString("O", CultureInfo.InvariantCulture),
        };
        if (reason is not null)
        {
            status_["reason"] = reason;
        }

        if (request.Status == RequestStatus.Received)
        {
            status_["user_verification_url"] = RequestPages.StatusLink(context, site, request.Id, "/verify");
        }

        if (request.ExtendedAt is not null)
        {
            status_["processing_details"] = "the deadline was extended";
        }

        return status_;
    }
}
