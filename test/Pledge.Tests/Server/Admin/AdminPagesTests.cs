using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pledge.Access;
using Pledge.Consent;
using Pledge.Requests;

namespace Pledge.Tests.Server.Admin;

/// <summary>What the console's read pages show and what "run now" does, against the real server.</summary>
public sealed class AdminPagesTests(AdminServer fixture) : IClassFixture<AdminServer>
{
    private RunningServer Server => fixture.Server;

    [Fact]
    public async Task Queue_MarksOverdueAndDueSoon_MostUrgentFirst()
    {
        var desk = Server.Site.Requests;
        var soon = (await desk.SubmitAsync(new RequestSubmission(RequestKind.Information, Pledge.Connectors.Locating.SubjectIdentifier.Email("soon@example.org"), null), "test")).Request!;
        var later = (await desk.SubmitAsync(new RequestSubmission(RequestKind.Information, Pledge.Connectors.Locating.SubjectIdentifier.Email("later@example.org"), null), "test")).Request!;
        await Server.Site.Store.WriteAsync(async (tx, ct) =>
        {
            using var overdue = tx.Command($"UPDATE requests SET due_at = due_at - {TimeSpan.FromDays(40).Ticks / 10} WHERE id = {soon.Id}");
            await overdue.ExecuteNonQueryAsync(ct);
        });
        using var viewer = await fixture.ClientAsync("vic.viewer");

        var html = await viewer.Http.GetStringAsync("/admin");

        var soonAt = html.IndexOf($"#{soon.Id}<", StringComparison.Ordinal);
        var laterAt = html.IndexOf($"#{later.Id}<", StringComparison.Ordinal);
        Assert.True(soonAt > 0 && laterAt > soonAt, "the overdue request comes first");
        Assert.Contains("class=\"overdue\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/admin/requests/" + soon.Id + "/run", await viewer.Http.GetStringAsync($"/admin/requests/{soon.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubjectLookup_NormalisesTheIdentifier_AndShowsConsentsEventsAndDecisions()
    {
        var subject = SubjectIdentifier.Parse("email:lookup@example.org").Identifier!;
        var evidence = new Evidence(TimeProvider.System.GetUtcNow().AddMinutes(-1), Server.Site.Version, EvidenceChannel.Api, "test", "lookup-1");
        var appended = await Server.Site.Ledger.AppendAsync(new LedgerEvent(subject, LedgerEventKind.ConsentGiven, "website-analytics", evidence));
        Assert.Null(appended.Error);
        using var viewer = await fixture.ClientAsync("vic.viewer");

        var html = await viewer.Http.GetStringAsync("/admin/subjects?identifier=" + Uri.EscapeDataString("  Email:LOOKUP@Example.org "));

        Assert.Contains("email:lookup@example.org", html, StringComparison.Ordinal);
        Assert.Contains("consent_given", html, StringComparison.Ordinal);
        Assert.Contains("Decisions per activity", html, StringComparison.Ordinal);
        Assert.Matches("<td>website-analytics</td><td>allowed</td>", html);
        using var bad = await viewer.Http.GetAsync("/admin/subjects?identifier=nonsense");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task RecordsAndAudit_ShowActivitiesProcessorsAndAnIntactLog()
    {
        using var viewer = await fixture.ClientAsync("vic.viewer");

        var records = await viewer.Http.GetStringAsync("/admin/records");
        var audit = await viewer.Http.GetStringAsync("/admin/audit");

        Assert.Contains("<caption>Processing activities</caption>", records, StringComparison.Ordinal);
        Assert.Contains("<caption>Processors</caption>", records, StringComparison.Ordinal);
        Assert.Contains("<caption>Transfers to third countries</caption>", records, StringComparison.Ordinal);
        Assert.Contains("website-analytics", records, StringComparison.Ordinal);
        Assert.Contains("Intact:", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retention_ShowsThePlan_AndRunNowRecordsARun()
    {
        using var officer = await fixture.ClientAsync("olu.officer");
        var before = await officer.Http.GetStringAsync("/admin/retention");
        Assert.Contains("<caption>The plan: rows past their retention period now</caption>", before, StringComparison.Ordinal);

        using var run = await officer.PostFormAsync("/admin/retention/run", [], tokenFrom: "/admin/retention");
        var html = await run.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Matches("Run [0-9a-zA-Z-]+.*rows in [0-9]+ rules", html);
        var key = (await ApiKeys.CreateAsync(Server.Site.Store, "retention", [ApiScopes.RetentionRead], "test")).Token;
        using var api = Server.Client(key);
        var runs = await api.GetFromJsonAsync<JsonElement>("/api/v1/retention/runs");
        Assert.Equal("staff:olu.officer", runs[0].GetProperty("startedBy").GetString());
        var plan = await api.GetFromJsonAsync<JsonElement>("/api/v1/retention/plan");
        Assert.True(plan.GetProperty("rules").GetArrayLength() > 0);
    }

    [Fact]
    public async Task OpenApi_DescribesTheRequestAndRetentionApis()
    {
        using var client = Server.Client();
        var document = await client.GetStringAsync("/openapi/v1.json");

        foreach (var path in new[] { "/api/v1/requests", "/api/v1/requests/{id}", "/api/v1/requests/{id}/actions", "/api/v1/retention/plan", "/api/v1/retention/runs" })
        {
            Assert.Contains($"\"{path}\"", document, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\"/admin", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accounts_AdminAddsAnAccountThatCanSignIn()
    {
        using var admin = await fixture.ClientAsync("ada.admin");
        using var added = await admin.PostFormAsync("/admin/accounts", [new("userName", "new.viewer"), new("password", AdminServer.Password), new("role", "viewer")],
            tokenFrom: "/admin/accounts");
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        using var refused = await admin.PostFormAsync("/admin/accounts", [new("userName", "x"), new("password", "short"), new("role", "viewer")], tokenFrom: "/admin/accounts");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var client = await fixture.ClientAsync("new.viewer");
        using var page = await client.Http.GetAsync("/admin/accounts");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
    }
}
