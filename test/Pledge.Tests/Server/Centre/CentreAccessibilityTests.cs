using System.Net.Http.Json;
using System.Text.Json;

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

    /// <summary>Clicks the button <paramref name="button"/> selects, waits for the page that answers, and checks it.</summary>
    private static async Task SubmitAndCheckAsync(Chromium browser, List<AxeReport> reports, string button, string arrived)
    {
        await browser.EvaluateAsync("document.querySelector(" + JsonSerializer.Serialize(button) + ").click()");
        await browser.WaitForAsync("(" + arrived + ") && document.readyState === 'complete'");
        reports.AddRange(await CheckAsync(browser));
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
        await using var browser = await CentreClient.ReturningVisitorAsync(server);
        await browser.NavigateAsync(new Uri(server.BaseAddress, path));
        Assert.False((await browser.EvaluateAsync("!!document.querySelector('.pledge-banner')")).GetBoolean());

        AssertNoViolations(await CheckAsync(browser));
    }

    [Fact]
    public async Task RequestForm_ErrorsCodeAndStatusPages_HaveNoWcagViolations()
    {
        const string email = "axe.request@example.com";
        await using var browser = await CentreClient.ReturningVisitorAsync(server);
        var reports = new List<AxeReport>();
        await browser.NavigateAsync(new Uri(server.BaseAddress, "/requests/new?lang=de"));
        await SubmitAndCheckAsync(browser, reports, "form[action=\"/requests/new\"] button[type=submit]", "!!document.querySelector('.error-summary')");

        await browser.EvaluateAsync("document.querySelector('input[name=kind][value=access]').click()");
        await browser.EvaluateAsync(Set("identifier", email) + ";" + Set("email", email));
        await SubmitAndCheckAsync(browser, reports, "form[action=\"/requests/new\"] button[type=submit]", "!!document.getElementById('code')");

        var code = CentreClient.Code(CentreClient.LatestMail(server, email));
        await browser.EvaluateAsync(Set("code", code == "000000" ? "111111" : "000000"));
        await SubmitAndCheckAsync(browser, reports, "form[action$=\"/verify\"] button[type=submit]", "!!document.querySelector('.error-summary')");

        await browser.EvaluateAsync(Set("code", code));
        await SubmitAndCheckAsync(browser, reports, "form[action$=\"/verify\"] button[type=submit]", "!!document.getElementById('state')");

        AssertNoViolations(reports);
    }

    [Fact]
    public async Task Preferences_SignInErrorsCodeAndForm_HaveNoWcagViolations()
    {
        const string email = "axe.prefs@example.com";
        await using var browser = await CentreClient.ReturningVisitorAsync(server);
        var reports = new List<AxeReport>();
        await browser.NavigateAsync(new Uri(server.BaseAddress, "/preferences"));
        await browser.EvaluateAsync(Set("email", "not an address"));
        await SubmitAndCheckAsync(browser, reports, "form[action=\"/preferences/code\"] button", "!!document.querySelector('.error-summary')");

        await browser.EvaluateAsync(Set("email", email));
        await SubmitAndCheckAsync(browser, reports, "form[action=\"/preferences/code\"] button", "!!document.getElementById('code')");

        await browser.EvaluateAsync(Set("code", CentreClient.Code(CentreClient.LatestMail(server, email))));
        await SubmitAndCheckAsync(browser, reports, "form[action=\"/preferences/verify\"] button", "!!document.querySelector('input[name=consent]')");

        await SubmitAndCheckAsync(browser, reports, "form[action=\"/preferences\"] button", "!!document.querySelector('.note')");

        AssertNoViolations(reports);
    }

    [Fact]
    public async Task Unsubscribe_ConfirmationAndDone_HaveNoWcagViolations()
    {
        using var api = server.Client(server.ConsentKey);
        using var link = await api.PostAsJsonAsync("/api/v1/consent/unsubscribe-link", new { subject = "email:axe.unsub@example.com", activity = "newsletter" });
        var url = (await link.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        await using var browser = await CentreClient.ReturningVisitorAsync(server);
        var reports = new List<AxeReport>();
        await browser.NavigateAsync(new Uri(url));
        reports.AddRange(await CheckAsync(browser));

        await SubmitAndCheckAsync(browser, reports, "main form button", "!!document.querySelector('.note')");

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
