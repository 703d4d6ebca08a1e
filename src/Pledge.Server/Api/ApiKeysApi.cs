using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pledge.Access;
using Pledge.Server.Hosting;
using Pledge.Server.Security;

namespace Pledge.Server.Api;

/// <summary>API keys, for keys with the <c>admin</c> scope.</summary>
public static class ApiKeysApi
{
    public sealed record CreateKeyRequest(string? Name, string[]? Scopes);

    public sealed record CreatedKey(string Id, string Name, string[] Scopes, string Token);

    public static IEndpointRouteBuilder MapApiKeysApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin/api-keys").RequireAuthorization(ApiScopes.Admin).WithTags("Administration");
        admin.MapPost("", CreateAsync).WithName("CreateApiKey");
        admin.MapDelete("/{id}", RevokeAsync).WithName("RevokeApiKey");
        return app;
    }

    private static async Task<Results<Created<CreatedKey>, ProblemHttpResult>> CreateAsync(CreateKeyRequest request, ClaimsPrincipal user, PledgeSite site, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            return Problems.Invalid("name", "a name of 1 to 100 characters says who uses the key");
        }

        if (request.Scopes is null || request.Scopes.Length == 0 || request.Scopes.Any(s => !ApiScopes.All.Contains(s)))
        {
            return Problems.Invalid("scopes", "some of: " + string.Join(", ", ApiScopes.All));
        }

        var created = await ApiKeys.CreateAsync(site.Store, request.Name, request.Scopes, Actor(user), cancellationToken);
        return TypedResults.Created($"/api/v1/admin/api-keys/{created.Info.Id}", new CreatedKey(created.Info.Id, created.Info.Name, [.. created.Info.Scopes], created.Token));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string id, ClaimsPrincipal user, PledgeSite site, ApiKeyCache cache, CancellationToken cancellationToken)
    {
        var revoked = await ApiKeys.RevokeAsync(site.Store, id, Actor(user), cancellationToken);
        cache.Forget(id);
        return revoked ? TypedResults.NoContent() : Problems.NotFound($"no active API key '{id}'");
    }

    private static string Actor(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "api:unknown";
}
