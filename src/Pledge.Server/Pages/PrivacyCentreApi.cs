using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Pledge.Consent;
using Pledge.Server.Banner;
using Pledge.Server.Centre;
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

    private static IResult Home(HttpContext context, PledgeSite site)
    {
        var page = new CentrePage(context, site);
        var text = page.Text;
        var policy = site.Policy;
        var lang = "?" + page.Lang;
        var body = new StringBuilder("<h1>").Append(Encode(text["Home.Title"])).Append("</h1>\n").Append(LanguageSwitch(text, policy))
            .Append("<p>").Append(Encode(text.Format("Home.Intro", policy.Organisation.Controller.Name))).Append("</p>\n<ul>\n")
            .Append("<li><a href=\"/notice").Append(lang).Append("\">").Append(Encode(text["Nav.Notice"])).Append("</a> ").Append(Encode(text.Format("Home.Version", policy.Notice.Version))).Append("</li>\n")
            .Append("<li><a href=\"/notice/history").Append(lang).Append("\">").Append(Encode(text["Nav.History"])).Append("</a></li>\n")
            .Append("<li><a href=\"/requests/new").Append(lang).Append("\">").Append(Encode(text["Nav.Request"])).Append("</a>: ").Append(Encode(text["Home.RequestKinds"])).Append("</li>\n")
            .Append("<li><a href=\"/preferences").Append(lang).Append("\">").Append(Encode(text["Nav.Preferences"])).Append("</a></li>\n")
            .Append("<li><a href=\"/cookies").Append(lang).Append("\">").Append(Encode(text["Cookies.Title"])).Append("</a></li>\n")
            .Append("<li><a href=\"/.well-known/gpc.json\">Global Privacy Control</a>: ").Append(Encode(text["Home.Gpc"])).Append("</li>\n")
            .Append("<li><a href=\"/openapi/v1.json\">").Append(Encode(text["Home.Api"])).Append("</a></li>\n</ul>\n");
        return page.Render(text["Home.Title"], body.ToString(), isHome: true);
    }

    /// <summary>A link to the home in each of the policy's languages, named in that language; none when there is one.</summary>
    private static string LanguageSwitch(CentreText text, Policy.Model.Policy policy)
    {
        if (policy.Notice.Languages.Length < 2)
        {
            return "";
        }

        var html = new StringBuilder("<nav class=\"languages\" aria-label=\"").Append(Encode(text["Nav.Languages"])).Append("\">\n<ul>\n");
        foreach (var language in policy.Notice.Languages)
        {
            var code = Encode(language);
            html.Append("<li><a href=\"/?lang=").Append(code).Append("\" hreflang=\"").Append(code).Append("\" lang=\"").Append(code).Append('"')
                .Append(string.Equals(language, text.Language, StringComparison.OrdinalIgnoreCase) ? " aria-current=\"true\"" : "").Append('>')
                .Append(Encode(CentreText.NameOf(language))).Append("</a></li>\n");
        }

        return html.Append("</ul>\n</nav>\n").ToString();
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

    private static IResult History(HttpContext context, PledgeSite site)
    {
        var page = new CentrePage(context, site);
        var text = page.Text;
        var body = new StringBuilder("<h1>").Append(Encode(text["History.Title"])).Append("</h1>\n<table>\n<thead><tr>");
        foreach (var column in new[] { "History.Version", "History.Date", "History.Material", "History.Summary" })
        {
            body.Append("<th scope=\"col\">").Append(Encode(text[column])).Append("</th>");
        }

        body.Append("</tr></thead>\n<tbody>\n");
        foreach (var version in site.Policy.Notice.History)
        {
            body.Append("<tr><td>").Append(Encode(version.Version)).Append("</td><td>").Append(Encode(text.Date(version.Date)))
                .Append("</td><td>").Append(Encode(text[version.Material ? "History.Yes" : "History.No"])).Append("</td><td>").Append(Encode(version.Summary.In(text.Language))).Append("</td></tr>\n");
        }

        body.Append("</tbody>\n</table>\n<h2>").Append(Encode(text["History.Deployed"])).Append("</h2>\n<ul>\n");
        foreach (var deployed in site.Ledger.Versions.Versions)
        {
            body.Append("<li>").Append(Encode(text.Format("History.Since", deployed.Version, text.Date(deployed.DeployedAt)))).Append("</li>\n");
        }

        body.Append("</ul>\n<p><a href=\"/notice?").Append(page.Lang).Append("\">").Append(Encode(text["History.Current"])).Append("</a></p>\n");
        return page.Render(text["History.Title"], body.ToString());
    }

    private static IResult CookiesForm(HttpContext context, PledgeSite site, TimeProvider time)
    {
        var page = new CentrePage(context, site);
        var text = page.Text;
        var stored = ConsentCookie.Read(context.Request.Cookies[site.Banner.CookieName], site.Banner.Terms, time.GetUtcNow());
        var gpc = BannerConsentRecorder.HasGpcHeader(context.Request);
        var body = new StringBuilder("<h1>").Append(Encode(text["Cookies.Title"])).Append("</h1>\n");
        if (context.Request.Query["saved"] == "1")
        {
            body.Append("<p class=\"note\" role=\"status\">").Append(Encode(text["Cookies.Saved"])).Append("</p>\n");
        }

        body.Append("<form method=\"post\" action=\"/cookies\">\n").Append(page.Csrf()).Append("<input type=\"hidden\" name=\"lang\" value=\"").Append(Encode(text.Language)).Append("\">\n")
            .Append("<fieldset>\n<legend>").Append(Encode(text["Cookies.Legend"])).Append("</legend>\n");
        foreach (var category in site.Banner.Categories)
        {
            var refused = gpc && category.RefusedByGpc;
            var on = !refused && stored?.Accepted.Contains(category.Key) == true;
            body.Append("<label><input type=\"checkbox\" name=\"category\" value=\"").Append(Encode(category.Key)).Append('"')
                .Append(on ? " checked" : "").Append(refused ? " disabled" : "").Append("> <strong>").Append(Encode(category.Name.In(text.Language))).Append("</strong> ")
                .Append(Encode(category.Description?.In(text.Language))).Append(refused ? " " + Encode(text["Cookies.Gpc"]) : "")
                .Append(' ').Append(Encode(text.Format("Cookies.Names", string.Join(", ", category.Cookies)))).Append("</label>\n");
        }

        body.Append("</fieldset>\n<button type=\"submit\" name=\"choice\" value=\"reject\">").Append(Encode(text["Cookies.Reject"])).Append("</button>")
            .Append("<button type=\"submit\" name=\"choice\" value=\"accept\">").Append(Encode(text["Cookies.Accept"])).Append("</button>")
            .Append("<button type=\"submit\" name=\"choice\" value=\"save\">").Append(Encode(text["Cookies.Save"])).Append("</button>\n</form>\n");
        return page.Render(text["Cookies.Title"], body.ToString());
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

        return Results.Redirect("/cookies?saved=1&" + new CentrePage(context, site).Lang, permanent: false, preserveMethod: false);
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
