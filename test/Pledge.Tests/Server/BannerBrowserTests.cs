using Pledge.Consent;

namespace Pledge.Tests.Server;

/// <summary>The cookie banner in headless Chromium against the real server's demo page, under its real CSP.</summary>
public sealed class BannerBrowserTests(RunningServer server) : IClassFixture<RunningServer>
{
    private const string AnalyticsInert = "document.querySelector('script[data-category=\"analytics\"]').type === 'text/plain' && !(window.pledgeDemo && window.pledgeDemo.analytics)";

    private Uri DemoPage => new(server.BaseAddress, "/demo/site");

    [Fact]
    public async Task Accept_RunsBlockedScriptsAndRecordsConsent()
    {
        await using var browser = await Chromium.StartAsync();
        await browser.NavigateAsync(DemoPage);
        await browser.WaitForAsync("document.querySelector('.pledge-banner')");
        Assert.True((await browser.EvaluateAsync(AnalyticsInert)).GetBoolean());

        await browser.EvaluateAsync("document.querySelector('[data-pledge=accept]').click()");
        await browser.WaitForAsync("window.pledgeDemo && pledgeDemo.analytics && pledgeDemo.marketing && pledgeDemo.functional");
        await browser.WaitForAsync("window.pledgeConsent.recorded === true");

        var cookies = await browser.CookiesAsync();
        Assert.Contains("_mt_visit", cookies.Keys);
        Assert.EndsWith(".functional~analytics~marketing", cookies["farlink_consent"], StringComparison.Ordinal);
        Assert.True(await AllowedAsync(cookies, "website-analytics"));
        Assert.True(await AllowedAsync(cookies, "campaign-tracking"));
        Assert.False((await browser.EvaluateAsync("!!document.querySelector('.pledge-banner')")).GetBoolean());
    }

    [Fact]
    public async Task Reject_KeepsScriptsInertClearsTheirCookiesAndIsRemembered()
    {
        await using var browser = await Chromium.StartAsync();
        await browser.NavigateAsync(DemoPage);
        await browser.EvaluateAsync("document.cookie = '_mt_old=1; path=/'; document.cookie = 'fl_campaign=spring; path=/'");
        await browser.WaitForAsync("document.querySelector('.pledge-banner')");

        await browser.EvaluateAsync("document.querySelector('[data-pledge=reject]').click()");
        await browser.WaitForAsync("window.pledgeConsent.recorded === true");

        var cookies = await browser.CookiesAsync();
        Assert.DoesNotContain("_mt_old", cookies.Keys);
        Assert.DoesNotContain("fl_campaign", cookies.Keys);
        Assert.EndsWith(".", cookies["farlink_consent"], StringComparison.Ordinal);
        Assert.True((await browser.EvaluateAsync(AnalyticsInert)).GetBoolean());
        Assert.False(await AllowedAsync(cookies, "website-analytics"));

        await browser.NavigateAsync(new Uri(server.BaseAddress, "/demo/site?again"));
        await browser.WaitForAsync("window.pledgeConsent");
        Assert.False((await browser.EvaluateAsync("!!document.querySelector('.pledge-banner')")).GetBoolean());
        Assert.True((await browser.EvaluateAsync(AnalyticsInert)).GetBoolean());
    }

    [Fact]
    public async Task Gpc_RefusesMarketingWithoutAskingAndRecordsTheSignal()
    {
        await using var browser = await Chromium.StartAsync();
        await browser.EnableGpcAsync();
        await browser.NavigateAsync(DemoPage);
        await browser.WaitForAsync("document.querySelector('.pledge-banner')");
        Assert.True((await browser.EvaluateAsync("document.querySelector('.pledge-banner input[name=marketing]').disabled")).GetBoolean());

        await browser.EvaluateAsync("document.querySelector('[data-pledge=accept]').click()");
        await browser.WaitForAsync("window.pledgeDemo && pledgeDemo.analytics");
        await browser.WaitForAsync("window.pledgeConsent.recorded === true");

        Assert.False((await browser.EvaluateAsync("!!window.pledgeDemo.marketing")).GetBoolean());
        Assert.Equal("text/plain", (await browser.EvaluateAsync("document.querySelector('script[data-category=\"marketing\"]').type")).GetString());
        var cookies = await browser.CookiesAsync();
        Assert.DoesNotContain("fl_campaign", cookies.Keys);
        Assert.True(await AllowedAsync(cookies, "website-analytics"));
        Assert.False(await AllowedAsync(cookies, "campaign-tracking"));
        var events = await EventsAsync();
        Assert.Contains(events, e => e.Kind == LedgerEventKind.ConsentWithdrawn && e.Activity is null && e.Signal == ConsentSignal.GlobalPrivacyControl);
        Assert.All(events, e => Assert.Equal("cookie_banner", e.Channel));
    }

    [Fact]
    public async Task ChoiceUnderOtherTerms_AsksAgainAndKeepsScriptsInert()
    {
        await using var browser = await Chromium.StartAsync();
        await browser.NavigateAsync(new Uri(server.BaseAddress, "/"));
        var expires = TimeProvider.System.GetUtcNow().AddDays(30).ToUnixTimeSeconds();
        await browser.EvaluateAsync($"document.cookie = 'farlink_consent=0000000000000000.0123456789abcdef0123456789abcdef.{expires}.analytics; path=/'");

        await browser.NavigateAsync(DemoPage);
        await browser.WaitForAsync("document.querySelector('.pledge-banner')");

        Assert.True((await browser.EvaluateAsync(AnalyticsInert)).GetBoolean());
    }

    private async Task<bool> AllowedAsync(Dictionary<string, string> cookies, string activity)
    {
        var decision = await server.Site.Decisions.DecideAsync(Subject(cookies), activity, TimeProvider.System.GetUtcNow().AddSeconds(1));
        return decision.Allowed;
    }

    // The GPC browser's events: its subject is the one whose banner events carry the signal.
    private async Task<IReadOnlyList<StoredEvent>> EventsAsync()
    {
        var all = new List<StoredEvent>();
        await foreach (var e in LedgerHistory.AllAsync(server.Site.Store))
        {
            all.Add(e);
        }

        var mine = all.Where(e => e.IdempotencyKey.StartsWith("banner:", StringComparison.Ordinal)).GroupBy(e => e.SubjectId).ToList();
        return mine.Single(g => g.Any(e => e.Signal == ConsentSignal.GlobalPrivacyControl)).ToList();
    }

    private static SubjectIdentifier Subject(Dictionary<string, string> cookies) =>
        SubjectIdentifier.Create("cookie_id", Uri.UnescapeDataString(cookies["farlink_consent"]).Split('.')[1]).Identifier!;
}
