using Microsoft.AspNetCore.Http.HttpResults;
using Pledge.Consent;
using Pledge.Server.Hosting;
using Pledge.Server.Security;

namespace Pledge.Server.Banner;

/// <summary>The cookie banner's assets and the endpoint its choices are posted to.</summary>
public static class BannerApi
{
    /// <summary>A browser's choices, as the banner script posts them.</summary>
    /// <param name="Id">The browser id (32 hex digits) kept in the consent cookie.</param>
    /// <param name="Terms">The cookie-terms hash the visitor saw; a stale one is refused so the banner asks again.</param>
    /// <param name="Choices">Category key → accepted.</param>
    /// <param name="Gpc">Whether the browser sends Global Privacy Control.</param>
    /// <param name="Key">Random per choice: retries of one choice are stored once.</param>
    public sealed record BannerChoice(string? Id, string? Terms, Dictionary<string, bool>? Choices, bool Gpc, string? Key);

    /// <summary>What was stored.</summary>
    public sealed record BannerReceipt(string Subject, int Events, string Version);

    public static IEndpointRouteBuilder MapBannerApi(this IEndpointRouteBuilder app)
    {
        var assets = app.MapGroup("").ExcludeFromDescription();
        assets.MapGet("/banner.js", (HttpContext context, PledgeSite site) => Asset(context, site.Banner, site.Banner.Script, "text/javascript", immutable: false));
        assets.MapGet("/banner.css", (HttpContext context, PledgeSite site) => Asset(context, site.Banner, site.Banner.Stylesheet, "text/css", immutable: false));
        assets.MapGet("/banner.{version}.js", (string version, HttpContext context, PledgeSite site) =>
            version == site.Banner.AssetVersion ? Asset(context, site.Banner, site.Banner.Script, "text/javascript", immutable: true) : Results.Redirect("/banner.js"));
        assets.MapGet("/banner.{version}.css", (string version, HttpContext context, PledgeSite site) =>
            version == site.Banner.AssetVersion ? Asset(context, site.Banner, site.Banner.Stylesheet, "text/css", immutable: true) : Results.Redirect("/banner.css"));
        app.MapPost("/api/consent/banner", RecordAsync).RequireRateLimiting(ServerSetup.PublicLimit).WithName("RecordBannerChoice").WithTags("Consent");
        return app;
    }

    private static IResult Asset(HttpContext context, CookieBanner banner, string body, string type, bool immutable)
    {
        context.Response.Headers.ETag = banner.ETag;
        context.Response.Headers.CacheControl = immutable ? "public, max-age=31536000, immutable" : "public, max-age=300";
        if (context.Request.Headers.IfNoneMatch == banner.ETag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Text(body, type + "; charset=utf-8");
    }

    private static async Task<Results<Ok<BannerReceipt>, ProblemHttpResult>> RecordAsync(BannerChoice choice, HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        if (!SameOrigin.Check(context.Request))
        {
            return Problems.Forbidden("cross-site requests may not record consent");
        }

        if (!ConsentCookie.IsId(choice.Id))
        {
            return Problems.Invalid("id", "the browser id is 32 lower-case hex digits");
        }

        if (choice.Key is null || choice.Key.Length is 0 or > 64 || !choice.Key.All(char.IsAsciiLetterOrDigit))
        {
            return Problems.Invalid("key", "the key is 1 to 64 letters or digits");
        }

        if (choice.Choices is null || choice.Choices.Keys.Any(k => site.Banner.Category(k) is null))
        {
            return Problems.Invalid("choices", "choices maps each category of the banner to true or false: " + string.Join(", ", site.Banner.Categories.Select(c => c.Key)));
        }

        if (choice.Terms != site.Banner.Terms)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The cookie terms have changed",
                detail: "reload the page: the banner asks again under the current terms", type: Problems.TypeBase + "terms-changed");
        }

        var gpc = choice.Gpc || BannerConsentRecorder.HasGpcHeader(context.Request);
        var results = await BannerConsentRecorder.RecordAsync(site, choice.Id!, choice.Choices, gpc, choice.Key, EvidenceChannel.CookieBanner, cancellationToken);
        if (results.FirstOrDefault(r => !r.Accepted).Error is { } error)
        {
            return Problems.Ledger(error);
        }

        return TypedResults.Ok(new BannerReceipt("cookie_id:" + choice.Id, results.Length, site.Version));
    }
}
