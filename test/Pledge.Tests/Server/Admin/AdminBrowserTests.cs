using System.IO.Compression;
using System.Text.Json;
using Pledge.Requests;
using SubjectIdentifier = Pledge.Connectors.Locating.SubjectIdentifier;

namespace Pledge.Tests.Server.Admin;

/// <summary>A privacy officer works the queue in headless Chromium: no script on the pages, only forms and links.</summary>
public sealed class AdminBrowserTests(AdminServer fixture) : IClassFixture<AdminServer>
{
    private RunningServer Server => fixture.Server;

    private async Task<DataRequest> VerifiedRequestAsync(RequestKind kind, string email)
    {
        var desk = Server.Site.Requests;
        var submitted = await desk.SubmitAsync(new RequestSubmission(kind, SubjectIdentifier.Email(email), null), "test");
        Assert.True(submitted.Succeeded, submitted.Error?.Message);
        var request = submitted.Request!;
        var verified = await desk.MarkVerifiedAsync(request.Id, "test", "test");
        Assert.Equal(RequestStatus.AwaitingApproval, verified.Request!.Status);
        return verified.Request;
    }

    private static async Task SignInAsync(Chromium browser, Uri baseAddress)
    {
        await browser.NavigateAsync(new Uri(baseAddress, "/admin/sign-in"));
        await browser.EvaluateAsync($"document.getElementById('userName').value = 'olu.officer'; document.getElementById('password').value = {JsonSerializer.Serialize(AdminServer.Password)}; document.querySelector('main form').submit()");
        await browser.WaitForAsync("location.pathname === '/admin' && document.readyState === 'complete'");
    }

    private static async Task SubmitAsync(Chromium browser, string action, string waitFor)
    {
        await browser.EvaluateAsync($"document.querySelector('form[action=\"{action}\"]').submit()");
        await browser.WaitForAsync(waitFor);
    }

    [Fact]
    public async Task PrivacyOfficer_ApprovesRunsAndDownloadsAnAccessExport()
    {
        var email = await fixture.DemoEmailAsync(3);
        var request = await VerifiedRequestAsync(RequestKind.Access, email);
        await using var browser = await Chromium.StartAsync();
        await SignInAsync(browser, Server.BaseAddress);

        var row = await browser.EvaluateAsync($"[...document.querySelectorAll('tbody tr')].map(r => r.innerText).find(t => t.includes('#{request.Id}')) || ''");
        Assert.Contains(email, row.GetString(), StringComparison.Ordinal);
        Assert.Contains("awaiting approval", row.GetString(), StringComparison.Ordinal);

        await browser.NavigateAsync(new Uri(Server.BaseAddress, $"/admin/requests/{request.Id}"));
        await SubmitAsync(browser, $"/admin/requests/{request.Id}/approve", "document.readyState === 'complete' && document.body.innerText.includes('Done: approve')");
        await SubmitAsync(browser, $"/admin/requests/{request.Id}/run", "document.readyState === 'complete' && document.body.innerText.includes('Run finished')");
        Assert.Contains("Download the export", (await browser.EvaluateAsync("document.body.innerText")).GetString(), StringComparison.Ordinal);

        var base64 = (await browser.EvaluateAsync(
            "fetch(document.querySelector('a[href$=\"/export\"]').href).then(r => r.arrayBuffer()).then(b => { let s = ''; new Uint8Array(b).forEach(x => s += String.fromCharCode(x)); return btoa(s); })")).GetString()!;
        using var zip = new ZipArchive(new MemoryStream(Convert.FromBase64String(base64)));
        var text = string.Concat(zip.Entries.Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.Contains(email, text, StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Completed, (await Server.Site.Requests.GetAsync(request.Id))!.Status);
    }

    [Fact]
    public async Task AccessRequest_FromThePublicFormThroughEmailedCodeAndApproval_ToTheDownloadedExport()
    {
        var email = await fixture.DemoEmailAsync(1);
        static string Set(string id, string value) => $"document.getElementById('{id}').value = {JsonSerializer.Serialize(value)}";
        await using var person = await Chromium.StartAsync();
        await person.NavigateAsync(new Uri(Server.BaseAddress, "/requests/new"));
        await person.WaitForAsync("document.getElementById('email')");
        await person.EvaluateAsync("document.querySelector('input[name=kind][value=access]').click()");
        await person.EvaluateAsync(Set("identifier", email) + ";" + Set("email", email));
        await person.EvaluateAsync("document.querySelector('form[action=\"/requests/new\"] button[type=submit]').click()");
        await person.WaitForAsync("!!document.getElementById('code')");
        await person.EvaluateAsync(Set("code", Centre.CentreClient.Code(Centre.CentreClient.LatestMail(Server, email))));
        await person.EvaluateAsync("document.querySelector('form[action$=\"/verify\"] button[type=submit]').click()");
        await person.WaitForAsync("document.getElementById('state') && document.getElementById('state').dataset.state === 'awaiting_approval'");
        var statusPage = (await person.EvaluateAsync("location.href")).GetString()!;
        var id = (await Server.Site.Requests.ListAsync(new RequestFilter())).Single(r => r.ContactEmail == email).Id;

        await using var officer = await Chromium.StartAsync();
        await SignInAsync(officer, Server.BaseAddress);
        await officer.NavigateAsync(new Uri(Server.BaseAddress, $"/admin/requests/{id}"));
        await SubmitAsync(officer, $"/admin/requests/{id}/approve", "document.readyState === 'complete' && document.body.innerText.includes('Done: approve')");
        await SubmitAsync(officer, $"/admin/requests/{id}/run", "document.readyState === 'complete' && document.body.innerText.includes('Run finished')");
        var base64 = (await officer.EvaluateAsync(
            "fetch(document.querySelector('a[href$=\"/export\"]').href).then(r => r.arrayBuffer()).then(b => { let s = ''; new Uint8Array(b).forEach(x => s += String.fromCharCode(x)); return btoa(s); })")).GetString()!;
        using var zip = new ZipArchive(new MemoryStream(Convert.FromBase64String(base64)));
        Assert.Contains(zip.Entries, e => e.FullName.EndsWith(".html", StringComparison.Ordinal));
        Assert.Contains(email, string.Concat(zip.Entries.Select(e => new StreamReader(e.Open()).ReadToEnd())), StringComparison.Ordinal);

        await person.NavigateAsync(new Uri(statusPage));
        await person.WaitForAsync("document.getElementById('state') && document.getElementById('state').dataset.state === 'completed'");
    }

    [Fact]
    public async Task PrivacyOfficer_RunsAnErasure()
    {
        var email = await fixture.DemoEmailAsync(0);
        var request = await VerifiedRequestAsync(RequestKind.Erasure, email);
        await using var browser = await Chromium.StartAsync();
        await SignInAsync(browser, Server.BaseAddress);

        await browser.NavigateAsync(new Uri(Server.BaseAddress, $"/admin/requests/{request.Id}"));
        await SubmitAsync(browser, $"/admin/requests/{request.Id}/approve", "document.readyState === 'complete' && document.body.innerText.includes('Done: approve')");
        await SubmitAsync(browser, $"/admin/requests/{request.Id}/run", "document.readyState === 'complete' && document.body.innerText.includes('Run finished')");

        Assert.Contains("rows deleted", (await browser.EvaluateAsync("document.body.innerText")).GetString(), StringComparison.Ordinal);
        Assert.Equal(RequestStatus.Completed, (await Server.Site.Requests.GetAsync(request.Id))!.Status);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(Server.Databases, "app.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM accounts WHERE email = @email";
        command.Parameters.AddWithValue("@email", email);
        Assert.Equal(0L, (long)(await command.ExecuteScalarAsync())!);
    }
}
