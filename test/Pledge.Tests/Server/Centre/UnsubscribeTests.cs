using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pledge.Consent;

namespace Pledge.Tests.Server.Centre;

/// <summary>One-click unsubscribe links, the link API and the confirmation page, against the real server.</summary>
public sealed class UnsubscribeTests(RunningServer server) : IClassFixture<RunningServer>
{
    private async Task<JsonElement> LinkAsync(string subject, string activity = "newsletter")
    {
        using var client = server.Client(server.ConsentKey);
        using var response = await client.PostAsJsonAsync("/api/v1/consent/unsubscribe-link", new { subject, activity });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<bool> AllowedAsync(string subject, string activity = "newsletter") =>
        (await server.Site.Decisions.DecideAsync(SubjectIdentifier.Parse(subject).Identifier!, activity, TimeProvider.System.GetUtcNow().AddSeconds(1))).Allowed;

    private async Task GiveAsync(string subject) =>
        Assert.True((await server.Site.Ledger.AppendAsync(new LedgerEvent(SubjectIdentifier.Parse(subject).Identifier!, LedgerEventKind.ConsentGiven, "newsletter",
            new Evidence(TimeProvider.System.GetUtcNow(), server.Site.Version, EvidenceChannel.WebForm, "test", Guid.NewGuid().ToString())))).Accepted);

    [Fact]
    public async Task Api_ReturnsUrlAndExactHeaders()
    {
        var link = await LinkAsync("email:headers@example.com");

        var url = link.GetProperty("url").GetString()!;
        Assert.StartsWith(server.BaseAddress + "unsubscribe?t=", url, StringComparison.Ordinal);
        Assert.Equal("<" + url + ">", link.GetProperty("listUnsubscribe").GetString());
        Assert.Equal("List-Unsubscribe=One-Click", link.GetProperty("listUnsubscribePost").GetString());
    }

    [Fact]
    public async Task OneClickPost_WithdrawsOnceAndIsIdempotent()
    {
        await GiveAsync("email:oneclick@example.com");
        Assert.True(await AllowedAsync("email:oneclick@example.com"));
        var url = (await LinkAsync("email:oneclick@example.com")).GetProperty("url").GetString()!;
        using var client = server.Client();

        using var first = await client.PostAsync(url, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        using var second = await client.PostAsync(url, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.False(await AllowedAsync("email:oneclick@example.com"));
        var found = await server.Site.Store.ReadAsync((s, c) => SubjectDirectory.FindAsync(s, SubjectIdentifier.Parse("email:oneclick@example.com").Identifier!, null, c));
        var events = await LedgerHistory.OfSubjectAsync(server.Site.Store, found!.SubjectId);
        Assert.Single(events, e => e.Kind == LedgerEventKind.ConsentWithdrawn && e.Channel == "email_link");
    }

    [Fact]
    public async Task Get_ShowsAButtonAndChangesNothing()
    {
        await GiveAsync("email:scanner@example.com");
        var url = (await LinkAsync("email:scanner@example.com")).GetProperty("url").GetString()!;
        using var client = server.Client();

        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<button type=\"submit\">", html, StringComparison.Ordinal);
        Assert.True(await AllowedAsync("email:scanner@example.com"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("dTEKZW1haWw6eEBleGFtcGxlLmNvbQpuZXdzbGV0dGVyCjA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task TamperedOrForeignToken_IsRefusedWithAClearPage(string token)
    {
        using var client = server.Client();
        using var get = await client.GetAsync("/unsubscribe?t=" + token);
        using var post = await client.PostAsync("/unsubscribe?t=" + token, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

        Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Contains("This unsubscribe link is not valid", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlteredActivity_IsRefused()
    {
        var url = (await LinkAsync("email:alter@example.com")).GetProperty("url").GetString()!;
        var token = url[(url.IndexOf("t=", StringComparison.Ordinal) + 2)..];
        var tokens = new UnsubscribeTokens(server.Site.Key);
        var forged = new UnsubscribeTokens(Pledge.Audit.PseudonymKey.Parse(Convert.ToBase64String(new byte[32])).Key!)
            .Issue(SubjectIdentifier.Parse("email:alter@example.com").Identifier!, "newsletter", TimeProvider.System.GetUtcNow());

        Assert.NotNull(tokens.Read(token).Claim);
        Assert.Null(tokens.Read(forged).Claim);
        Assert.Null(tokens.Read(token[..^2] + (token[^2] == 'A' ? "BA" : "AA")).Claim);
        using var client = server.Client();
        using var response = await client.GetAsync("/unsubscribe?t=" + forged);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_MalformedBody_Is400ProblemJson()
    {
        var url = (await LinkAsync("email:malformed@example.com")).GetProperty("url").GetString()!;
        using var client = server.Client();
        using var json = await client.PostAsync(url, new StringContent("{", System.Text.Encoding.UTF8, "application/json"));
        using var wrong = await client.PostAsync(url, new FormUrlEncodedContent([new("List-Unsubscribe", "Yes")]));

        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal("application/problem+json", json.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
    }

    [Fact]
    public async Task Api_UnknownActivityOrNoKey_IsRefused()
    {
        using var client = server.Client(server.ConsentKey);
        using var bad = await client.PostAsJsonAsync("/api/v1/consent/unsubscribe-link", new { subject = "email:x@example.com", activity = "billing" });
        using var anonymous = server.Client();
        using var none = await anonymous.PostAsJsonAsync("/api/v1/consent/unsubscribe-link", new { subject = "email:x@example.com", activity = "newsletter" });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
    }
}
