using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Pledge.Access;
using Pledge.Consent;
using Pledge.Server.Hosting;
using Pledge.Server.Security;

namespace Pledge.Server.Api;

/// <summary>May this activity process this subject now? Single and batch, for API keys with the <c>decide</c> scope.</summary>
public static class DecisionApi
{
    public sealed record DecideRequest(string? Subject, string? Activity, DateTimeOffset? At);

    public sealed record BatchRequest(string? Activity, string[]? Subjects, DateTimeOffset? At);

    public sealed record DecisionResult(string Subject, string Activity, bool Allowed, ImmutableArray<string> Reasons, string Explanation);

    public sealed record BatchResult(string Activity, DateTimeOffset At, DecisionResult[] Decisions);

    public static IEndpointRouteBuilder MapDecisionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(ApiScopes.Decide).WithTags("Decisions");
        api.MapPost("/decide", DecideAsync).WithName("Decide");
        api.MapPost("/decide/batch", DecideBatchAsync).WithName("DecideBatch");
        return app;
    }

    private static async Task<Results<Ok<DecisionResult>, ProblemHttpResult>> DecideAsync(DecideRequest request, PledgeSite site, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Activity(site, request.Activity) is { } problem)
        {
            return problem;
        }

        var subject = SubjectIdentifier.Parse(request.Subject);
        if (subject.Identifier is null)
        {
            return Problems.Invalid("subject", subject.Error!);
        }

        var decision = await site.Decisions.DecideAsync(subject.Identifier, request.Activity!, request.At ?? time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(Result(subject.Identifier, request.Activity!, decision));
    }

    private static async Task<Results<Ok<BatchResult>, ProblemHttpResult>> DecideBatchAsync(BatchRequest request, PledgeSite site, TimeProvider time,
        IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        if (Activity(site, request.Activity) is { } problem)
        {
            return problem;
        }

        if (request.Subjects is null || request.Subjects.Length == 0 || request.Subjects.Length > options.Value.MaxBatch)
        {
            return Problems.Invalid("subjects", $"give 1 to {options.Value.MaxBatch} subjects");
        }

        var subjects = new SubjectIdentifier[request.Subjects.Length];
        for (var i = 0; i < subjects.Length; i++)
        {
            var parsed = SubjectIdentifier.Parse(request.Subjects[i]);
            if (parsed.Identifier is null)
            {
                return Problems.Invalid($"subjects[{i}]", parsed.Error!);
            }

            subjects[i] = parsed.Identifier;
        }

        var at = request.At ?? time.GetUtcNow();
        var results = new List<DecisionResult>(subjects.Length);
        await foreach (var decided in site.Decisions.DecideManyAsync(subjects, request.Activity!, at, cancellationToken))
        {
            results.Add(Result(decided.Subject, request.Activity!, decided.Decision));
        }

        return TypedResults.Ok(new BatchResult(request.Activity!, at, [.. results]));
    }

    private static ProblemHttpResult? Activity(PledgeSite site, string? activity) =>
        string.IsNullOrWhiteSpace(activity) ? Problems.Invalid("activity", "name an activity of the policy")
        : site.Policy.Activity(activity) is null ? Problems.Invalid("activity", $"the policy has no activity '{activity}'")
        : null;

    private static DecisionResult Result(SubjectIdentifier subject, string activity, Decision decision)
    {
        var text = decision.Text;
        return new(subject.Key, activity, decision.Allowed, text.Codes, text.Explanation);
    }
}
