using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Pledge.Access;

namespace Pledge.Server.Security;

/// <summary>
/// Authenticates machine clients by an API key in <c>Authorization: Bearer pk_…</c> (or <c>X-Api-Key</c>); each of
/// the key's scopes becomes a <c>scope</c> claim that the endpoints' policies require.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyCache keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    // One ticket per verified key while the key cache holds it, instead of a new identity and claims per request.
    private static readonly ConditionalWeakTable<ApiKeyInfo, AuthenticationTicket> Tickets = new();

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? token = null;
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            token = header["Bearer ".Length..].Trim();
        }
        else if (Request.Headers.TryGetValue("X-Api-Key", out var key))
        {
            token = key.ToString();
        }

        if (string.IsNullOrEmpty(token))
        {
            return AuthenticateResult.NoResult();
        }

        var info = await keys.VerifyAsync(token, Context.RequestAborted);
        if (info is null)
        {
            return AuthenticateResult.Fail("unknown or revoked API key");
        }

        return AuthenticateResult.Success(Tickets.GetValue(info, static key => new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "api:" + key.Id), new Claim(ClaimTypes.Name, key.Name), .. key.Scopes.Select(s => new Claim("scope", s))],
            SchemeName)), SchemeName)));
    }
}
