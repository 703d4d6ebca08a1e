using System.Net.Http.Json;
using System.Text.Json;

namespace Pledge.Tests.Server.Centre;

/// <summary>The public centre's forms in headless Chromium against the real server, with script only used to type and click.</summary>
public sealed class CentreBrowserTests(RunningServer server) : IClassFixture<RunningServer>
{
    private static string Set(string id, string value) => $"document.getElementById('{id}').value = {JsonSerializer.Serialize(value)}";

    private async Task<bool> DecideAsync(string subject, string activity)
    {
        using var client = server.Client(server.DecideKey);
        using var response = await client.PostAsJsonAsync("/api/v1/decide", new { subject, activity });
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("allowed").GetBoolean();
    }

    [Fact]
    public async Task AccessRequest_FromFormThroughEmailedCode_StatusShowsVerified()
    {
        await using var browser = await Chromium.StartAsync();
        await browser.NavigateAsync(new Uri(server.BaseAddress, "/requests/new"));
        await browser.WaitForAsync("document.getElementById('email')");
        await browser.EvaluateAsync("document.querySelector('input[name=kind][value=access]').click()");
        await browser.EvaluateAsync(Set("identifier", "browser.access@example.com") + ";" + Set("email", "browser.access@example.com"));
        await browser.EvaluateAsync("document.querySelector('form[action=\"/requests/new\"] button[type=submit]').click()");
        await browser.WaitForAsync("!!document.getElementById('code')");

        var code = CentreClient.Code(CentreClient.LatestMail(server, "browser.access@example.com"));
        await browser.EvaluateAsync(Set("code", code));
        await browser.EvaluateAsync("document.querySelector('form[action$=\"/verify\"] button[type=submit]').click()");
        await browser.WaitForAsync("document.getElementById('state') && document.getElementById('state').dataset.state === 'verified'");
    }

    [Fact]
    public async Task Preferences_ConsentChange_IsReflectedByTheDecideApi()
    {
        const string email = "browser.prefs@example.com";
        Assert.False(await DecideAsync("email:" + email, "newsletter"));
        await using var browser = await Chromium.StartAsync();
        await browser.NavigateAsync(new Uri(server.BaseAddress, "/preferences"));
        await browser.WaitForAsync("document.getElementById('email')");
        await browser.EvaluateAsync(Set("email", email));
        await browser.EvaluateAsync("document.querySelector('form[action=\"/preferences/code\"] button').click()");
        await browser.WaitForAsync("!!document.getElementById('code')");
        await browser.EvaluateAsync(Set("code", CentreClient.Code(CentreClient.LatestMail(server, email))));
        await browser.EvaluateAsync("document.querySelector('form[action=\"/preferences/verify\"] button').click()");
        await browser.WaitForAsync("!!document.querySelector('input[name=consent][value=newsletter]')");

        await browser.EvaluateAsync("document.querySelector('input[name=consent][value=newsletter]').checked = true");
        await browser.EvaluateAsync(Set("frequency_newsletter", "monthly"));
        await browser.EvaluateAsync("document.querySelector('form[action=\"/preferences\"] button').click()");
        await browser.WaitForAsync("!!document.querySelector('.note')");

        Assert.True(await DecideAsync("email:" + email, "newsletter"));
        Assert.True((await browser.EvaluateAsync("document.getElementById('frequency_newsletter').value === 'monthly'")).GetBoolean());
    }

    [Fact]
    public async Task Unsubscribe_ThroughTheConfirmationPage_Withdraws()
    {
        const string subject = "email:browser.unsub@example.com";
        await server.Site.Ledger.AppendAsync(new Pledge.Consent.LedgerEvent(Pledge.Consent.SubjectIdentifier.Parse(subject).Identifier!, Pledge.Consent.LedgerEventKind.ConsentGiven, "newsletter",
            new Pledge.Consent.Evidence(TimeProvider.System.GetUtcNow(), server.Site.Version, Pledge.Consent.EvidenceChannel.WebForm, "test", Guid.NewGuid().ToString())));
        Assert.True(await DecideAsync(subject, "newsletter"));
        using var api = server.Client(server.ConsentKey);
        using var link = await api.PostAsJsonAsync("/api/v1/consent/unsubscribe-link", new { subject, activity = "newsletter" });
        var url = (await link.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;

        await using var browser = await Chromium.StartAsync();
        await browser.NavigateAsync(new Uri(url));
        await browser.WaitForAsync("!!document.querySelector('main form button')");
        Assert.True(await DecideAsync(subject, "newsletter"));
        await browser.EvaluateAsync("document.querySelector('main form button').click()");
        await browser.WaitForAsync("!!document.querySelector('.note')");

        Assert.False(await DecideAsync(subject, "newsletter"));
    }
}
