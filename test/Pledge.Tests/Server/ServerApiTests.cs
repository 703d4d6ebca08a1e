using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pledge.Server.Banner;

namespace Pledge.Tests.Server;

public sealed partial class ServerApiTests(RunningServer server) : IClassFixture<RunningServer>
{
    private const string ProblemJson = "application/problem+json";

    public static TheoryData<string, string> ApiEndpoints => new()
    {
        { "POST", "/api/v1/decide" },
        { "POST", "/api/v1/decide/batch" },
        { "POST", "/api/v1/consent/events" },
        { "POST", "/api/v1/admin/api-keys" },
        { "DELETE", "/api/v1/admin/api-keys/abc" },
    };

    [Theory]
    [MemberData(nameof(ApiEndpoints))]
    public async Task ApiEndpoint_Anonymous_Is401ProblemJson(string method, string path)
    {
        using var client = server.Client();
        using var response = await client.SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(ApiEndpoints))]
    public async Task ApiEndpoint_UnknownKey_Is401(string method, string path)
    {
        using var client = server.Client("pk_000000000000_not-a-real-secret");
        using var response = await client.SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/v1/decide")]
    [InlineData("POST", "/api/v1/decide/batch")]
    public async Task DecisionEndpoint_KeyWithoutDecideScope_Is403ProblemJson(string method, string path)
    {
        using var client = server.Client(server.ConsentKey);
        using var response = await client.SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ConsentEvents_DecideKey_Is403()
    {
        using var client = server.Client(server.DecideKey);
        using var response = await client.SendAsync(Request("POST", "/api/v1/consent/events"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ConsentEvents_Given_IsRecordedOnceAndAllows()
    {
        using var client = server.Client(server.ConsentKey);
        var body = new { subject = "email:grace@example.com", kind = "consent_given", activity = "newsletter", idempotencyKey = "crm-1" };
        using var first = await client.PostAsJsonAsync("/api/v1/consent/events", body);
        using var retry = await client.PostAsJsonAsync("/api/v1/consent/events", body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True((await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("duplicate").GetBoolean());
        using var decide = server.Client(server.DecideKey);
        Assert.True((await Decide(decide, "email:grace@example.com", "newsletter")).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Decide_WithdrawnByAnotherProcess_IsHonouredWithinSeconds()
    {
        using var consent = server.Client(server.ConsentKey);
        using var decide = server.Client(server.DecideKey);
        var body = new { subject = "email:hedy@example.com", kind = "consent_given", activity = "newsletter", idempotencyKey = "crm-hedy-1" };
        using (var given = await consent.PostAsJsonAsync("/api/v1/consent/events", body))
        {
            Assert.Equal(HttpStatusCode.OK, given.StatusCode);
        }

        Assert.True((await Decide(decide, "email:hedy@example.com", "newsletter")).GetProperty("allowed").GetBoolean());   // now held in memory

        var info = Pledge.Tests.Consent.CliProcess.StartInfo(server.Store, ["consent", "withdraw", "email:hedy@example.com", "newsletter"]);
        info.Environment["PLEDGE_PSEUDONYM_KEY"] = RunningServer.PseudonymKeyHex;
        using (var cli = System.Diagnostics.Process.Start(info)!)
        {
            cli.StandardInput.Close();
            var error = cli.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await cli.WaitForExitAsync(timeout.Token);
            Assert.True(cli.ExitCode == 0, await error);
        }

        // The feed is read every 200 ms by default; allow for a slow machine, and fail if the change is never seen.
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var decision = await Decide(decide, "email:hedy@example.com", "newsletter");
        while (decision.GetProperty("allowed").GetBoolean() && stopwatch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
            decision = await Decide(decide, "email:hedy@example.com", "newsletter");
        }

        Assert.False(decision.GetProperty("allowed").GetBoolean());
        Assert.Equal("consent_withdrawn", decision.GetProperty("reasons")[0].GetString());
    }

    [Theory]
    [InlineData("{\"subject\":\"email:a@example.com\",\"kind\":\"erased\",\"idempotencyKey\":\"k\"}", 400)]
    [InlineData("{\"subject\":\"email:a@example.com\",\"kind\":\"consent_given\",\"activity\":\"newsletter\",\"channel\":\"pigeon\",\"idempotencyKey\":\"k\"}", 400)]
    [InlineData("{\"subject\":\"email:a@example.com\",\"kind\":\"consent_given\",\"activity\":\"website-operation\",\"idempotencyKey\":\"k\"}", 422)]
    [InlineData("{\"subject\":\"email:a@example.com\",\"kind\":\"consent_given\",\"activity\":\"newsletter\"}", 422)]
    [InlineData("{\"subject\":[],\"kind\":\"consent_given\"}", 400)]
    public async Task ConsentEvents_Refused_IsProblemJson(string body, int status)
    {
        using var client = server.Client(server.ConsentKey);
        using var response = await client.PostAsync("/api/v1/consent/events", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("POST", "/api/v1/admin/api-keys")]
    [InlineData("DELETE", "/api/v1/admin/api-keys/abc")]
    public async Task AdminEndpoint_DecideKey_Is403(string method, string path)
    {
        using var client = server.Client(server.DecideKey);
        using var response = await client.SendAsync(Request(method, path));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"subject\":")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"subject\":42,\"activity\":true}")]
    [InlineData("{\"subject\":\"email:ada@example.com\",\"activity\":\"no-such-activity\"}")]
    [InlineData("{\"subject\":\"not an identifier\",\"activity\":\"website-analytics\"}")]
    [InlineData("{\"subject\":\"email:ada@example.com\"}")]
    [InlineData("{\"subject\":\"email:ada@example.com\",\"activity\":\"website-analytics\",\"at\":\"yesterday\"}")]
    [InlineData("")]
    public async Task Decide_MalformedBody_Is400ProblemJson(string body)
    {
        using var client = server.Client(server.DecideKey);
        using var response = await client.PostAsync("/api/v1/decide", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Decide_NotJson_Is415ProblemJson()
    {
        using var client = server.Client(server.DecideKey);
        using var response = await client.PostAsync("/api/v1/decide", new StringContent("subject=x", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DecideBatch_TooManyOrBadSubjects_Is400ProblemJson()
    {
        using var client = server.Client(server.DecideKey);
        using var tooMany = await client.PostAsJsonAsync("/api/v1/decide/batch", new { activity = "website-analytics", subjects = Enumerable.Range(0, 1001).Select(i => $"account_id:{i}") });
        using var bad = await client.PostAsJsonAsync("/api/v1/decide/batch", new { activity = "website-analytics", subjects = new[] { "email:ok@example.com", "email:nope" } });

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("subjects[1]", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_AfterBannerAccept_AllowsAnalyticsAndDeniesOthers()
    {
        var id = ConsentCookie.NewId();
        using var browser = server.Client();
        using var recorded = await browser.PostAsJsonAsync("/api/consent/banner", Choice(id, analytics: true, marketing: false));
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);

        using var client = server.Client(server.DecideKey);
        var analytics = await Decide(client, "cookie_id:" + id, "website-analytics");
        var campaign = await Decide(client, "cookie_id:" + id, "campaign-tracking");
        var stranger = await Decide(client, "cookie_id:" + ConsentCookie.NewId(), "website-analytics");

        Assert.True(analytics.GetProperty("allowed").GetBoolean());
        Assert.False(campaign.GetProperty("allowed").GetBoolean());
        Assert.False(stranger.GetProperty("allowed").GetBoolean());
        Assert.Contains("no_consent", stranger.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task BannerChoice_WithGpcHeader_RefusesMarketingEvenWhenAccepted()
    {
        var id = ConsentCookie.NewId();
        using var browser = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/consent/banner") { Content = JsonContent.Create(Choice(id, analytics: true, marketing: true)) };
        request.Headers.Add("Sec-GPC", "1");
        using var recorded = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);

        using var client = server.Client(server.DecideKey);
        Assert.True((await Decide(client, "cookie_id:" + id, "website-analytics")).GetProperty("allowed").GetBoolean());
        Assert.False((await Decide(client, "cookie_id:" + id, "campaign-tracking")).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task BannerChoice_CrossSiteOrigin_Is403()
    {
        using var browser = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/consent/banner") { Content = JsonContent.Create(Choice(ConsentCookie.NewId(), true, true)) };
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task BannerChoice_StaleTerms_Is409SoTheBannerAsksAgain()
    {
        using var browser = server.Client();
        using var response = await browser.PostAsJsonAsync("/api/consent/banner",
            new { id = ConsentCookie.NewId(), terms = "0000000000000000", choices = new { analytics = true }, gpc = false, key = "k1" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Theory]
    [InlineData("{\"id\":\"short\",\"choices\":{},\"key\":\"a\"}")]
    [InlineData("{\"id\":\"0123456789abcdef0123456789abcdef\",\"choices\":{\"nope\":true},\"key\":\"a\"}")]
    [InlineData("{\"id\":\"0123456789abcdef0123456789abcdef\",\"choices\":{\"analytics\":\"yes\"},\"key\":\"a\"}")]
    [InlineData("{\"id\":\"0123456789abcdef0123456789abcdef\",\"choices\":{\"analytics\":true},\"key\":\"no spaces\"}")]
    [InlineData("not json")]
    public async Task BannerChoice_Malformed_Is400ProblemJson(string body)
    {
        using var browser = server.Client();
        using var response = await browser.PostAsync("/api/consent/banner", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CookiesForm_PostWithoutCsrfToken_Is400ProblemJson()
    {
        using var browser = server.Client();
        using var response = await browser.PostAsync("/cookies", new FormUrlEncodedContent([new("choice", "accept")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CookiesForm_PostWithToken_SavesTheChoiceAndClearsRefusedCookies()
    {
        using var browser = server.Client();
        using var form = await browser.GetAsync("/cookies");
        var html = await form.Content.ReadAsStringAsync();
        var token = TokenPattern().Match(html).Groups[1].Value;
        var antiforgeryCookie = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/cookies")
        {
            Content = new FormUrlEncodedContent([new("__csrf", token), new("choice", "save"), new("category", "analytics")]),
        };
        post.Headers.Add("Cookie", antiforgeryCookie + "; _mt_visit=1; fl_campaign=x");
        using var response = await browser.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var set = response.Headers.GetValues("Set-Cookie").ToList();
        var consent = set.Single(c => c.StartsWith("farlink_consent=", StringComparison.Ordinal));
        Assert.Matches("^farlink_consent=[0-9a-f]{16}\\.[0-9a-f]{32}\\.[0-9]+\\.analytics;", consent);
        Assert.Contains(set, c => c.StartsWith("fl_campaign=;", StringComparison.Ordinal) && c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));
        Assert.DoesNotContain(set, c => c.StartsWith("_mt_visit=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Home_LinksEveryPublicPage_AndEachLinkAnswers()
    {
        using var client = server.Client();
        var home = await client.GetStringAsync("/");
        var links = System.Text.RegularExpressions.Regex.Matches(home, "<a href=\"(/[^\"]*)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();
        var paths = links.Select(l => l.Split('?')[0]).ToHashSet(); // links to the centre's pages carry ?lang=

        Assert.Subset(paths, new HashSet<string> { "/notice", "/notice/history", "/requests/new", "/preferences", "/cookies", "/.well-known/gpc.json" });
        foreach (var link in links)
        {
            using var response = await client.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link}: {(int)response.StatusCode}");
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/notice")]
    [InlineData("/notice/history")]
    [InlineData("/cookies")]
    [InlineData("/api/v1/decide")]
    public async Task AnyResponse_HasSecurityHeaders(string path)
    {
        using var client = server.Client();
        using var response = await client.GetAsync(path);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();

        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Notice_InGermanAndUnknownLanguage_RendersOrIs404()
    {
        using var client = server.Client();
        var german = await client.GetStringAsync("/notice?lang=de");
        using var unknown = await client.GetAsync("/notice?lang=xx");

        Assert.Contains("lang=\"de\"", german, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(ProblemJson, unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task NoticeHistory_ListsThePolicyVersions()
    {
        using var client = server.Client();
        var html = await client.GetStringAsync("/notice/history");

        Assert.Contains("2026.11", html, StringComparison.Ordinal);
        Assert.Contains("2026.03", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GpcJson_SaysTheSiteHonoursGpc()
    {
        using var client = server.Client();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/.well-known/gpc.json"));

        Assert.True(json.RootElement.GetProperty("gpc").GetBoolean());
        Assert.Equal("2026-11-01", json.RootElement.GetProperty("lastUpdate").GetString());
    }

    [Fact]
    public async Task OpenApi_DescribesTheApis()
    {
        using var client = server.Client();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var paths = json.RootElement.GetProperty("paths");

        Assert.True(paths.TryGetProperty("/api/v1/decide", out _));
        Assert.True(paths.TryGetProperty("/api/v1/decide/batch", out _));
        Assert.True(paths.TryGetProperty("/api/consent/banner", out _));
    }

    [Fact]
    public async Task BannerScript_VersionedUrl_IsCachedForAYearWithETag()
    {
        using var client = server.Client();
        var version = server.Site.Banner.AssetVersion;
        using var response = await client.GetAsync($"/banner.{version}.js");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/banner.js");
        again.Headers.TryAddWithoutValidation("If-None-Match", server.Site.Banner.ETag);
        using var notModified = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task AdminCreateKey_WithAdminKey_CreatesAWorkingKey()
    {
        using var admin = server.Client(server.AdminKey);
        using var created = await admin.PostAsJsonAsync("/api/v1/admin/api-keys", new { name = "crm", scopes = new[] { "decide" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        using var client = server.Client(token);
        var decision = await Decide(client, "email:ada@example.com", "website-operation");
        Assert.True(decision.GetProperty("allowed").GetBoolean());
    }

    private static object Choice(string id, bool analytics, bool marketing) => new
    {
        id,
        terms = BannerTerms,
        choices = new Dictionary<string, bool> { ["functional"] = true, ["analytics"] = analytics, ["marketing"] = marketing },
        gpc = false,
        key = Guid.NewGuid().ToString("N"),
    };

    private static string BannerTerms { get; } = CookieBanner.Generate(Pledge.Policy.Loading.PolicyLoader.Load(Support.Repo.ExamplePolicy).Policy!, TimeProvider.System).Terms;

    private static async Task<JsonElement> Decide(HttpClient client, string subject, string activity)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/decide", new { subject, activity });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class ServerRateLimitTests : IAsyncLifetime
{
    private readonly RunningServer _server = new() { PublicRequestsPerMinute = 3 };

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task PublicPages_OverTheLimit_Are429()
    {
        using var client = _server.Client();
        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync("/notice");
            codes.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], codes);
    }
}
