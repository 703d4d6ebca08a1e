using System.Net.Http.Json;
using System.Text.Json;
using Pledge.Server.Banner;

namespace Pledge.Tests.Server.Centre;

/// <summary>
/// Every public page of the centre, and the cookie banner, checked by axe-core against WCAG 2.0/2.1 A and AA in
/// headless Chromium, from the real server under its real CSP, in the light and the dark colour scheme.
/// </summary>
public sealed class CentreAccessibilityTests(RunningServer server) : IClassFixture<RunningServer>
{
    public static TheoryData<string> Pages => new()
    {
        "/", "/?lang=de", "/notice", "/notice?lang=de", "/notice/history", "/notice/history?lang=de", "/cookies", "/cookies?saved=1&lang=de",
        "/requests/new", "/requests/new?lang=de", "/preferences", "/preferences?lang=de", "/requests/1?t=00000000000000000000000000000000", "/unsubscribe?t=altered",
    };

    private static string Set(string id, string value) => $"document.getElementById('{id}').value = {JsonSerializer.Serialize(value)}";

    /// <summary>A browser that has made its cookie choice already, so that the banner covers nothing of the page.</summary>
    private async Task<Chromium> ReturningVisitorAsync()
    {
        var browser = await Chromium.StartAsync();
        var choice = new ConsentCookie(server.Site.Banner.Terms, ConsentCookie.NewId(), TimeProvider.System.GetUtcNow().AddHours(1).ToUnixTimeSeconds(), []);
        await browser.SetCookieAsync(server.BaseAddress, server.Site.Banner.CookieName, choice.ToString());
        return browser;
    }

    /// <summary>axe on the page as it is now, in the light and in the dark scheme.</summary>
    private static async Task<AxeReport[]> CheckAsync(Chromium browser, string? include = null)
    {
        await browser.WaitForAsync("document.readyState === 'complete'");
        var reports = new List<AxeReport>();
        foreach (var scheme in new[] { "light", "dark" })
        {
            await browser.EmulateColorSchemeAsync(scheme);
            var report = await Axe.RunAsync(browser, include);
            reports.Add(report with { Url = report.Url + " (" + scheme + ")" });
        }

        await browser.EmulateColorSchemeAsync("light");
        return [.. reports];
    }

    private static void AssertNoViolations(IEnumerable<AxeReport> reports)
    {
        var failed = reports.Where(r => r.Violations.Count > 0).ToList();
        Assert.True(failed.Count == 0, $"axe found violations of {string.Join(", ", Axe.Tags)}:\n  " + string.Join("\n  ", failed));
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_AsServed_HasNoWcagViolations(string path)
    {
        await using var browser = await ReturningVisitorAsync();
        await browser.NavigateAsync(new Uri(server.BaseAddress, path));
        Assert.False((await browser.EvaluateAsync("!!document.querySelector('.pledge-banner')")).GetBoolean());

        AssertNoViolations(await CheckAsync(browser));
    }

    [Fact]
    public async Task RequestForm_ErrorsCodeAndStatusPages_HaveNoWcagViolations()
    {
        const string email = "axe.request@example.com";
        await using var browser = await ReturningVisitorAsync();
        var reports = new List<AxeReport>();
        await browser.NavigateAsync(new Uri(server.BaseAddress, "/requests/new?lang=de"));
        await browser.EvaluateAsync("document.querySelector('form[action=\"/requests/new\"] button[type=submit]').click()");
        await browser.WaitForAsync("!!document.querySelector('.error-summary')");
        reports.AddRange(await CheckAsync(browser));

        await browser.EvaluateAsync("document.querySelector('input[name=kind][value=access]').click()");
        await browser.EvaluateAsync(Set("identifier", email) + ";" + Set("email", email));
        await browser.EvaluateAsync("document.querySelector('form[action=\"/requests/new\"] button[type=submit]').click()");
        await browser.WaitForAsync("!!document.getElementById('code')");
        reports.AddRange(await CheckAsync(browser));

        var code = CentreClient.Code(CentreClient.LatestMail(server, email));
        await browser.EvaluateAsync(Set("code", code == "000000" ? "111111" : "000000"));
        await browser.EvaluateAsync("document.querySelector('form[action$=\"/verify\"] button[type=submit]').click()");
        await browser.WaitForAsync("!!document.querySelector('.error-summary')");
        reports.AddRange(await CheckAsync(browser));

        await browser.EvaluateAsync(Set("code", code));
        await browser.EvaluateAsync("document.querySelector('form[action$=\"/verify\"] button[type=submit]').click()");
        await browser.WaitForAsync("!!document.getElementById('state')");
        reports.AddRange(await CheckAsync(browser));

        AssertNoViolations(reports);
    }

    [Fact]
    public async Task Preferences_SignInErrorsCodeAndForm_HaveNoWcagViolations()
    {
        const string email = "axe.prefs@example.com";
        await using var browser = await ReturningVisitorAsync();
        var reports = new List<AxeReport>();
        await browser.NavigateAsync(new Uri(server.BaseAddress, "/preferences"));
        await browser.EvaluateAsync(Set("email", "not an address"));
        await browser.EvaluateAsync("document.querySelector('form[action=\"/preferences/code\"] button').click()");
        await browser.WaitForAsync("!!document.querySelector('.error-summary')");
        reports.AddRange(await CheckAsync(browser));

        await browser.EvaluateAsync(Set("email", email));
        await browser.EvaluateAsync("document.querySelector('form[action=\"/preferences/code\"] button').click()");
        await browser.WaitForAsync("!!document.getElementById('code')");
        reports.AddRange(await CheckAsync(browser));

        await browser.EvaluateAsync(Set("code", CentreClient.Code(CentreClient.LatestMail(server, email))));
        await browser.EvaluateAsync("document.querySelector('form[action=\"/preferences/verify\"] button').click()");
        await browser.WaitForAsync("!!document.querySelector('input[name=consent]')");
        reports.AddRange(await CheckAsync(browser));

        await browser.EvaluateAsync("document.querySelector('form[action=\"/preferences\"] button').click()");
        await browser.WaitForAsync("!!document.querySelector('.note')");
        reports.AddRange(await CheckAsync(browser));

        AssertNoViolations(reports);
    }

    [Fact]
    public async Task Unsubscribe_ConfirmationAndDone_HaveNoWcagViolations()
    {
        using var api = server.Client(server.ConsentKey);
        using var link = await api.PostAsJsonAsync("/api/v1/consent/unsubscribe-link", new { subject = "email:axe.unsub@example.com", activity = "newsletter" });
        var url = (await link.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        await using var browser = await ReturningVisitorAsync();
        var reports = new List<AxeReport>();
        await browser.NavigateAsync(new Uri(url));
        reports.AddRange(await CheckAsync(browser));

        await browser.EvaluateAsync("document.querySelector('main form button').click()");
        await browser.WaitForAsync("!!document.querySelector('.note')");
        reports.AddRange(await CheckAsync(browser));

        AssertNoViolations(reports);
    }

    [Theory]
    [InlineData("/?lang=en", false)]
    [InlineData("/?lang=de", false)]
    [InlineData("/cookies?lang=en", true)]
    [InlineData("/demo/site", true)]
    public async Task Banner_OnAFirstVisit_HasNoWcagViolations(string path, bool gpc)
    {
        await using var browser = await Chromium.StartAsync();
        if (gpc)
        {
            await browser.EnableGpcAsync();
        }

        await browser.NavigateAsync(new Uri(server.BaseAddress, path));
        await browser.WaitForAsync("!!document.querySelector('.pledge-banner')");
        var banner = await CheckAsync(browser, ".pledge-banner");
        var page = await CheckAsync(browser);

        Assert.All(banner, r => Assert.Contains("color-contrast", r.Passes));
        Assert.All(banner, r => Assert.Contains("label", r.Passes));
        AssertNoViolations([.. banner, .. page]);
    }
}
