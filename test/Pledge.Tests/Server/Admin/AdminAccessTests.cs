using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Pledge.Access;
using Pledge.Requests;

namespace Pledge.Tests.Server.Admin;

/// <summary>Authorisation of every /admin and /api endpoint, CSRF, malformed input, wrong passwords and lockout.</summary>
public sealed class AdminAccessTests(AdminServer fixture) : IClassFixture<AdminServer>
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>The only endpoints anyone may call: signing in, and the banner's consent endpoint (rate limited, same-origin).</summary>
    private static readonly HashSet<string> Anonymous = ["GET /admin/sign-in", "POST /admin/sign-in", "POST /api/consent/banner"];

    private RunningServer Server => fixture.Server;

    private IReadOnlyList<(string Method, string Pattern, string Path, IReadOnlyList<string> Policies)> Endpoints()
    {
        var list = new List<(string, string, string, IReadOnlyList<string>)>();
        foreach (var endpoint in Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (!pattern.StartsWith("/admin", StringComparison.Ordinal) && !pattern.StartsWith("/api", StringComparison.Ordinal))
            {
                continue;
            }

            var path = System.Text.RegularExpressions.Regex.Replace(pattern, "\\{([a-zA-Z]+)(:[a-z]+)?\\}", m => m.Groups[2].Value == ":long" ? "1" : "nobody");
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                list.Add((method, pattern, path, policies));
            }
        }

        Assert.True(list.Count >= 25, "the endpoint list looks incomplete: " + list.Count);
        return list;
    }

    [Fact]
    public async Task EveryEndpoint_Anonymous_IsRefused()
    {
        using var anonymous = await fixture.ClientAsync();
        foreach (var (method, pattern, path, _) in Endpoints())
        {
            if (Anonymous.Contains(method + " " + pattern))
            {
                continue;
            }

            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method != "GET")
            {
                // What a browser's form or a machine client would send.
                request.Content = pattern.StartsWith("/api", StringComparison.Ordinal)
                    ? new StringContent("{}", Encoding.UTF8, "application/json")
                    : new FormUrlEncodedContent([new("reason", "excessive")]);
            }

            using var response = await anonymous.Http.SendAsync(request);
            if (pattern.StartsWith("/api", StringComparison.Ordinal))
            {
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path}: {(int)response.StatusCode}, expected 401");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/admin/sign-in", StringComparison.Ordinal),
                    $"{method} {path}: {(int)response.StatusCode}, expected a redirect to sign in");
            }
        }
    }

    [Fact]
    public async Task EveryWriteEndpoint_Viewer_Gets403()
    {
        using var viewer = await fixture.ClientAsync("vic.viewer");
        var checkedAny = 0;
        foreach (var (method, pattern, path, policies) in Endpoints().Where(e => e.Pattern.StartsWith("/admin", StringComparison.Ordinal)))
        {
            if (Anonymous.Contains(method + " " + pattern) || pattern == "/admin/sign-out")
            {
                continue;
            }

            var write = method != "GET";
            Assert.False(write && !policies.Contains("admin:act") && !policies.Contains("admin:manage"), $"{method} {pattern} changes something but does not require acting rights");
            if (!policies.Contains("admin:act") && !policies.Contains("admin:manage"))
            {
                continue;
            }

            using var response = write
                ? await viewer.PostFormAsync(path, [new("reason", "excessive")])
                : await viewer.Http.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"viewer {method} {path}: {(int)response.StatusCode}, expected 403");
            checkedAny++;
        }

        Assert.True(checkedAny >= 10, "too few write endpoints checked: " + checkedAny);
    }

    [Fact]
    public async Task EveryApiEndpoint_KeyWithoutTheScope_Gets403()
    {
        var keys = new[] { (Server.AdminKey, ApiScopes.Admin), (Server.DecideKey, ApiScopes.Decide), (Server.ConsentKey, ApiScopes.ConsentWrite) };
        foreach (var (method, pattern, path, policies) in Endpoints().Where(e => e.Pattern.StartsWith("/api", StringComparison.Ordinal) && !Anonymous.Contains(e.Method + " " + e.Pattern)))
        {
            Assert.NotEmpty(policies);
            var key = keys.First(k => !policies.Contains(k.Item2)).Item1;
            using var client = Server.Client(key);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method != "GET")
            {
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path} with a key lacking {string.Join(",", policies)}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task AdminForm_PostWithoutCsrfToken_IsRefusedAndChangesNothing()
    {
        var request = (await Server.Site.Requests.SubmitAsync(new RequestSubmission(RequestKind.Access, Pledge.Connectors.Locating.SubjectIdentifier.Email("csrf@example.org"), null), "test")).Request!;
        using var officer = await fixture.ClientAsync("olu.officer");

        using var response = await officer.PostFormAsync($"/admin/requests/{request.Id}/verify", [], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(RequestStatus.Received, (await Server.Site.Requests.GetAsync(request.Id))!.Status);
        using var withToken = await officer.PostFormAsync($"/admin/requests/{request.Id}/verify", []);
        Assert.Equal(HttpStatusCode.Redirect, withToken.StatusCode);
        Assert.Equal(RequestStatus.AwaitingApproval, (await Server.Site.Requests.GetAsync(request.Id))!.Status);
    }

    [Fact]
    public async Task MalformedFormsAndBodies_Get4xxNever500()
    {
        var request = (await Server.Site.Requests.SubmitAsync(new RequestSubmission(RequestKind.Access, Pledge.Connectors.Locating.SubjectIdentifier.Email("bad@example.org"), null), "test")).Request!;
        using var officer = await fixture.ClientAsync("olu.officer");
        using (var response = await officer.PostFormAsync($"/admin/requests/{request.Id}/reject", [new("reason", "because")]))
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("reason: one of identity_not_verified", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var response = await officer.PostFormAsync("/admin/requests/999999/approve", []))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using (var response = await officer.Http.PostAsync($"/admin/requests/{request.Id}/approve", new StringContent("{\"x\":1}", Encoding.UTF8, "application/json")))
        {
            Assert.InRange((int)response.StatusCode, 400, 499);
        }

        using var api = Server.Client(Server.AdminKey);
        var key = (await ApiKeys.CreateAsync(Server.Site.Store, "requests", [ApiScopes.RequestsRead, ApiScopes.RequestsWrite], "test")).Token;
        using var client = Server.Client(key);
        foreach (var (path, body, type) in new[]
        {
            ("/api/v1/requests", "{not json", "application/json"),
            ("/api/v1/requests", "{\"kind\":\"telepathy\",\"subject\":\"email:a@example.org\"}", "application/json"),
            ("/api/v1/requests", "{\"kind\":\"access\",\"subject\":\"\"}", "application/json"),
            ("/api/v1/requests", "{\"kind\":5}", "application/json"),
            ("/api/v1/requests", "kind=access", "application/x-www-form-urlencoded"),
            ($"/api/v1/requests/{request.Id}/actions", "{\"action\":\"explode\"}", "application/json"),
            ($"/api/v1/requests/{request.Id}/actions", "{\"action\":\"reject\",\"reason\":\"nope\"}", "application/json"),
            ("/api/v1/requests/999999/actions", "{\"action\":\"approve\"}", "application/json"),
        })
        {
            using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, type));
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path} {body}: {(int)response.StatusCode}");
            Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(RequestStatus.Received, (await Server.Site.Requests.GetAsync(request.Id))!.Status);
    }

    [Fact]
    public async Task RequestsApi_SubmitVerifyAndList_Works()
    {
        var key = (await ApiKeys.CreateAsync(Server.Site.Store, "crm", [ApiScopes.RequestsRead, ApiScopes.RequestsWrite], "test")).Token;
        using var client = Server.Client(key);
        using var created = await client.PostAsJsonAsync("/api/v1/requests", new { kind = "objection", subject = "email:API@Example.org", activity = (string?)null });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
        using var verified = await client.PostAsJsonAsync($"/api/v1/requests/{id}/actions", new { action = "verify" });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        var list = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/requests");
        var mine = list.EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == id);
        Assert.Equal("verified", mine.GetProperty("status").GetString());
        Assert.Equal("email:api@example.org", mine.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task SignIn_WrongPassword_IsRefused_AndRepeatedFailuresLockTheAccount()
    {
        Assert.Null(await StaffAccounts.AddAsync(Server.Site.Store, "lee.locked", AdminServer.Password, StaffRole.Viewer, "test"));
        using var client = await fixture.ClientAsync();
        using (var wrong = await client.SignInAsync("lee.locked", "not the password at all"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("user name or password is wrong", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        for (var i = 0; i < 3; i++)
        {
            using var again = await client.SignInAsync("lee.locked", "still not the password");
            Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        }

        using (var fifth = await client.SignInAsync("lee.locked", "fifth wrong password"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, fifth.StatusCode);
            Assert.Contains("locked", await fifth.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var right = await client.SignInAsync("lee.locked", AdminServer.Password))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        }

        using var queue = await client.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
    }

    [Fact]
    public async Task SignIn_SetsAStrictHttpOnlyCookie_AndSignOutEndsTheSession()
    {
        using var client = await fixture.ClientAsync();
        using var signIn = await client.SignInAsync("vic.viewer", AdminServer.Password);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("pledge_admin=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        using (var queue = await client.Http.GetAsync("/admin"))
        {
            Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        }

        using (var signOut = await client.PostFormAsync("/admin/sign-out", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        }

        using var after = await client.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
    }

    [Fact]
    public async Task DisablingAnAccount_EndsItsSession()
    {
        Assert.Null(await StaffAccounts.AddAsync(Server.Site.Store, "dee.disabled", AdminServer.Password, StaffRole.PrivacyOfficer, "test"));
        using var client = await fixture.ClientAsync("dee.disabled");
        using (var before = await client.Http.GetAsync("/admin"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var admin = await fixture.ClientAsync("ada.admin");
        using (var disable = await admin.PostFormAsync("/admin/accounts/dee.disabled/disable", [], tokenFrom: "/admin/accounts"))
        {
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        }

        using var after = await client.Http.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        var audit = await Pledge.Audit.AuditLog.VerifyAsync(Server.Site.Store);
        Assert.True(audit.Intact);
    }
}
