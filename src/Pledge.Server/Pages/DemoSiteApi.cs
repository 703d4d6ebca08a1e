using Pledge.Server.Hosting;

namespace Pledge.Server.Pages;

/// <summary>
/// A sample page of the organisation's website, served with <c>Pledge:DemoSite</c>: its analytics, marketing and
/// functional scripts are blocked (<c>type="text/plain" data-category</c>) until the banner lets them run.
/// </summary>
public static class DemoSiteApi
{
    public static IEndpointRouteBuilder MapDemoSiteApi(this IEndpointRouteBuilder app)
    {
        var demo = app.MapGroup("/demo").ExcludeFromDescription();
        demo.MapGet("/site", (PledgeSite site) => Html.Page(new Centre.CentreText(site.Policy.Notice.DefaultLanguage), "Demo website",
            "<h1>A page of the example website</h1>\n<p>Its scripts below wait for your cookie choice.</p>\n"
            + "<p id=\"analytics\">analytics: not loaded</p>\n<p id=\"marketing\">marketing: not loaded</p>\n<p id=\"functional\">functional: not loaded</p>\n"
            + "<script type=\"text/plain\" data-category=\"analytics\" src=\"/demo/analytics.js\"></script>\n"
            + "<script type=\"text/plain\" data-category=\"marketing\" src=\"/demo/marketing.js\"></script>\n"
            + "<script type=\"text/plain\" data-category=\"functional\" src=\"/demo/functional.js\"></script>\n",
            site.Banner.AssetVersion));
        demo.MapGet("/{category}.js", (string category) => category is "analytics" or "marketing" or "functional"
            ? Results.Text(Script(category), "text/javascript; charset=utf-8")
            : Results.NotFound());
        return app;
    }

    // Each sample script sets a cookie of its category, as the real ones would, and says that it ran.
    private static string Script(string category)
    {
        var cookie = category switch { "analytics" => "_mt_visit", "marketing" => "fl_campaign", _ => "farlink_lang" };
        return $"document.cookie=\"{cookie}=1; path=/; max-age=3600\";window.pledgeDemo=window.pledgeDemo||{{}};window.pledgeDemo.{category}=true;"
            + $"document.getElementById(\"{category}\").textContent=\"{category}: loaded\";";
    }
}
