using Pledge.Centre;
using Pledge.Consent;
using Pledge.Requests;
using Pledge.Server.Hosting;

namespace Pledge.Server.Centre;

/// <summary>The centre's keyed tokens and one-time codes, all derived from the site's pseudonym key.</summary>
internal sealed class CentreKeys(PledgeSite site)
{
    public RequestStatusLinks StatusLinks { get; } = new(site.Key);

    public UnsubscribeTokens Unsubscribe { get; } = new(site.Key);

    public EmailChallenges Challenges { get; } = new(site.Store, site.Key);

    public static CentreKeys Of(HttpContext context) => context.RequestServices.GetRequiredService<CentreKeys>();
}

/// <summary>Absolute links for e-mails: <c>Pledge:PublicUrl</c> when set, else the address the request came in on.</summary>
internal static class CentreUrls
{
    public static string Base(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value.PublicUrl;
        return string.IsNullOrWhiteSpace(configured) ? context.Request.Scheme + "://" + context.Request.Host.Value : configured.TrimEnd('/');
    }
}
