using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Pledge.Consent;
using Pledge.Server.Banner;
using Pledge.Server.Hosting;
using Pledge.Server.Security;
using static Pledge.Server.Pages.Html;

namespace Pledge.Server.Pages;

/// <summary>The public privacy centre: server-rendered pages that work without script.</summary>
public static class PrivacyCentreApi
{
    public static IEndpointRouteBuilder MapPrivacyCentreApi(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").RequireRateLimiting(ServerSetup.PublicLimit).ExcludeFromDescription();
        pages.MapGet("/", Home);
        pages.MapGet("/notice", Notice);
        pages.MapGet("/notice/history", History);
        pages.MapGet("/cookies", CookiesForm);
        pages.MapPost("/cookies", SaveCookiesAsync);
        pages.MapGet("/.well-known/gpc.json", (PledgeSite site) =>
            Results.Json(new { gpc = true, lastUpdate = site.Policy.Notice.Effective.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
        pages.MapGet("/assets/site.css", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(SiteCss.Value, "text/css; charset=utf-8");
        });
        return app;
    }

    private static readonly Lazy<string> SiteCss = new(() =>
    {
        using var stream = typeof(PrivacyCentreApi).Assembly.GetManifestResourceStream("Pledge.Server.Pages.site.css")!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    /// <summary>The language to answer in: <c>?lang=</c> when the policy has it, else the browser's preference, else the policy's default.</summary>
    internal static string Language(HttpRequest request, Policy.Model.Policy policy)
    {
        var languages = policy.Notice.Languages.IsDefaultOrEmpty ? ["en"] : policy.Notice.Languages;
        if (request.Query["lang"].ToString() is { Length: > 0 } asked)
        {
            return languages.FirstOrDefault(l => string.Equals(l, asked, StringComparison.OrdinalIgnoreCase)) ?? "";
        }

        foreach (var accepted in request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = accepted.Value.ToString();
            var match = languages.FirstOrDefault(l => tag.StartsWith(l, StringComparison.OrdinalIgnoreCase));
            if (match is not null)
            {
                return match;
            }
        }

        return languages[0];
    }

    private static IResult Home(HttpRequest request, PledgeSite site)
    {
        var policy = site.Policy;
        var lang = Language(request, policy);
        var body = new StringBuilder()
            .Append("<h1>Privacy centre</h1>\n<p>").Append(Encode(policy.Organisation.Controller.Name)).Append(" keeps its privacy practices here.</p>\n<ul>\n")
            .Append("<li><a href=\"/notice\">Privacy notice</a> (version ").Append(Encode(policy.Notice.Version)).Append(')');
        foreach (var language in policy.Notice.Languages)
        {
            body.Append(" · <a href=\"/notice?lang=").Append(Encode(language)).Append("\" hreflang=\"").Append(Encode(language)).Append("\">").Append(Encode(language)).Append("</a>");
        }

        body.Append("</li>\n<li><a href=\"/notice/history\">Changes to the notice</a></li>\n")
            .Append("<li><a href=\"/requests/new\">Make a request about your data</a>: a copy, a correction, erasure, restriction or objection</li>\n")
            .Append("<li><a href=\"/preferences\">Your consents and e-mail preferences</a></li>\n")
            .Append("<li><a href=\"/cookies\">Cookie settings</a></li>\n")
            .Append("<li><a href=\"/.well-known/gpc.json\">Global Privacy Control</a>: this site honours it.</li>\n")
            .Append("<li><a href=\"/openapi/v1.json\">API description (OpenAPI)</a></li>\n</ul>\n");
        return Page(lang, "Privacy centre", body.ToString(), site.Banner.AssetVersion);
    }

    private static IResult Notice(HttpRequest request, PledgeSite site)
    {
        var lang = Language(request, site.Policy);
        if (lang.Length == 0)
        {
            return Problems.NotFound("the notice is written in: " + string.Join(", ", site.Policy.Notice.Languages));
        }

        return Results.Content(NoticePages.Html(site.Policy, lang), "text/html; charset=utf-8");
    }

    private static IResult History(HttpRequest request, PledgeSite site)
    {
        var lang = Language(request, site.Policy);
        lang = lang.Length == 0 ? site.Policy.Notice.DefaultLanguage : lang;
        var body = new StringBuilder("<h1>Changes to the privacy notice</h1>\n<table>\n<thead><tr><th scope=\"col\">Version</th><th scope=\"col\">Date</th><th scope=\"col\">Material</th><th scope=\"col\">What changed</th></tr></thead>\n<tbody>\n");
        foreach (var version in site.Policy.Notice.History)
        {
            body.Append("<tr><td>").Append(Encode(version.Version)).Append("</td><td>").Append(version.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(version.Material ? "yes" : "no").Append("</td><td>").Append(Encode(version.Summary.In(lang))).Append("</td></tr>\n");
        }

        body.Append("</tbody>\n</table>\n<h2>Deployed here</h2>\n<ul>\n");
        foreach (var deployed in site.Ledger.Versions.Versions)
        {
            body.Append("<li>").Append(Encode(deployed.Version)).Append(", since ").Append(deployed.DeployedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("</li>\n");
        }

        body.Append("</ul>\n<p><a href=\"/notice\">The current notice</a></p>\n");
        return Page(lang, "Changes to the privacy notice", body.ToString(), site.Banner.AssetVersion);
    }

    private static IResult CookiesForm(HttpContext context, PledgeSite site, IAntiforgery antiforgery, TimeProvider time)
    {
        var lang = Language(context.Request, site.Policy);
        lang = lang.Length == 0 ? site.Policy.Notice.DefaultLanguage : lang;
        var stored = ConsentCookie.Read(context.Request.Cookies[site.Banner.CookieName], site.Banner.Terms, time.GetUtcNow());
        var gpc = BannerConsentRecorder.HasGpcHeader(context.Request);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var body = new StringBuilder("<h1>Cookie settings</h1>\n");
        if (context.Request.Query["saved"] == "1")
        {
            body.Append("<p class=\"note\" role=\"status\">Your choices are saved.</p>\n");
        }

        body.Append("<form method=\"post\" action=\"/cookies\">\n<input type=\"hidden\" name=\"").Append(Encode(tokens.FormFieldName)).Append("\" value=\"")
            .Append(Encode(tokens.RequestToken)).Append("\">\n<fieldset>\n<legend>Cookies we set only with your consent</legend>\n");
        foreach (var category in site.Banner.Categories)
        {
            var refused = gpc && category.RefusedByGpc;
            var on = !refused && stored?.Accepted.Contains(category.Key) == true;
            body.Append("<label><input type=\"checkbox\" name=\"category\" value=\"").Append(Encode(category.Key)).Append('"')
                .Append(on ? " checked" : "").Append(refused ? " disabled" : "").Append("> <strong>").Append(Encode(category.Name.In(lang))).Append("</strong> ")
                .Append(Encode(category.Description?.In(lang))).Append(refused ? " Refused: your browser sends Global Privacy Control." : "")
                .Append(" Cookies: ").Append(Encode(string.Join(", ", category.Cookies))).Append("</label>\n");
        }

        body.Append("</fieldset>\n<button type=\"submit\" name=\"choice\" value=\"reject\">Reject all</button>")
            .Append("<button type=\"submit\" name=\"choice\" value=\"accept\">Accept all</button>")
            .Append("<button type=\"submit\" name=\"choice\" value=\"save\">Save choices</button>\n</form>\n");
        return Page(lang, "Cookie settings", body.ToString(), site.Banner.AssetVersion);
    }

    private static async Task<IResult> SaveCookiesAsync([FromForm] CookieForm form, HttpContext context, PledgeSite site, TimeProvider time, CancellationToken cancellationToken)
    {
        var banner = site.Banner;
        var chosen = form.Choice switch
        {
            "accept" => banner.Categories.Select(c => c.Key).ToHashSet(),
            "reject" => [],
            "save" => (form.Category ?? []).ToHashSet(),
            _ => null,
        };
        if (chosen is null || chosen.Any(k => banner.Category(k) is null))
        {
            return Problems.Invalid("choice", "choose accept, reject or save, with known categories");
        }

        var gpc = BannerConsentRecorder.HasGpcHeader(context.Request);
        chosen.RemoveWhere(k => gpc && banner.Category(k)!.RefusedByGpc);
        var now = time.GetUtcNow();
        var stored = ConsentCookie.Read(context.Request.Cookies[banner.CookieName], banner.Terms, now);
        var id = stored?.Id ?? ConsentCookie.NewId();
        var choices = banner.Categories.ToDictionary(c => c.Key, c => chosen.Contains(c.Key));
        var results = await BannerConsentRecorder.RecordAsync(site, id, choices, gpc, ConsentCookie.NewId(), EvidenceChannel.WebForm, cancellationToken);
        if (results.FirstOrDefault(r => !r.Accepted).Error is { } error)
        {
            return Problems.Ledger(error);
        }

        var cookie = new ConsentCookie(banner.Terms, id, now.ToUnixTimeSeconds() + banner.MaxAgeSeconds, [.. banner.Categories.Select(c => c.Key).Where(chosen.Contains)]);
        context.Response.Cookies.Append(banner.CookieName, cookie.ToString(), new CookieOptions
        {
            MaxAge = TimeSpan.FromSeconds(banner.MaxAgeSeconds), Path = "/", SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, HttpOnly = false,
        });
        foreach (var category in banner.Categories.Where(c => !chosen.Contains(c.Key)))
        {
            foreach (var name in context.Request.Cookies.Keys.Where(n => category.Cookies.Any(p => CookiePattern.Matches(p, n))))
            {
                context.Response.Cookies.Delete(name, new CookieOptions { Path = "/" });
            }
        }

        return Results.Redirect("/cookies?saved=1", permanent: false, preserveMethod: false);
    }

    /// <summary>The cookie settings form.</summary>
    public sealed class CookieForm
    {
        public string? Choice { get; set; }

        public string[]? Category { get; set; }
    }
}

/// <summary>Cookie names against the policy's names and <c>*</c> patterns.</summary>
internal static class CookiePattern
{
    public static bool Matches(string pattern, string name)
    {
        var star = pattern.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return string.Equals(pattern, name, StringComparison.Ordinal);
        }

        var prefix = pattern[..star];
        var suffix = pattern[(star + 1)..].Replace("*", "", StringComparison.Ordinal);
        return name.Length >= prefix.Length + suffix.Length && name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal);
    }
}
