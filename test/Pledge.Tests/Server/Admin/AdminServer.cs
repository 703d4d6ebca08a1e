using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Pledge.Access;
using Pledge.Tests.Support;

namespace Pledge.Tests.Server.Admin;

/// <summary>
/// The real server for the admin tests: the example policy with approval required for access too (as for erasure), a staff
/// account per role (password <see cref="Password"/>), and a sign-in limit high enough for a test run.
/// </summary>
public sealed partial class AdminServer : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    private readonly string _policyFolder = Path.Combine(Path.GetTempPath(), "pledge-admin-policy-" + Guid.NewGuid().ToString("N"));

    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var example = Path.GetDirectoryName(Repo.ExamplePolicy)!;
        foreach (var file in Directory.GetFiles(example, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_policyFolder, Path.GetRelativePath(example, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var policy = Path.Combine(_policyFolder, Path.GetFileName(Repo.ExamplePolicy));
        var text = await File.ReadAllTextAsync(policy);
        Assert.Contains("  approval: [erasure, rectification]\n", text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(policy, text.Replace("  approval: [erasure, rectification]\n", "  approval: [access, erasure, rectification]\n", StringComparison.Ordinal));
        Server = new RunningServer { PolicyFile = policy, Arguments = ["--Pledge:Admin:SignInsPerMinute=100000"] };
        await Server.InitializeAsync();
        foreach (var (user, role) in new[] { ("ada.admin", StaffRole.Admin), ("olu.officer", StaffRole.PrivacyOfficer), ("vic.viewer", StaffRole.Viewer) })
        {
            Assert.Null(await StaffAccounts.AddAsync(Server.Site.Store, user, Password, role, "test"));
        }
    }

    /// <summary>A browser-like client (cookies kept, no redirects followed), signed in as <paramref name="user"/> when given.</summary>
    public async Task<StaffClient> ClientAsync(string? user = null)
    {
        var client = new StaffClient(Server.BaseAddress);
        if (user is not null)
        {
            using var response = await client.SignInAsync(user, Password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        return client;
    }

    /// <summary>An e-mail address the seeded demo databases hold an account for.</summary>
    public async Task<string> DemoEmailAsync(int skip)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(Server.Databases, "app.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT email FROM accounts WHERE email LIKE '%_@_%' ORDER BY id LIMIT 1 OFFSET @skip";
        command.Parameters.AddWithValue("@skip", skip);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_policyFolder, recursive: true);
    }
}

/// <summary>An HTTP client that keeps cookies like a browser and posts forms with the page's antiforgery token.</summary>
public sealed partial class StaffClient(Uri baseAddress) : IDisposable
{
    private readonly HttpClient _client = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };

    public HttpClient Http => _client;

    public async Task<HttpResponseMessage> SignInAsync(string user, string password) =>
        await PostFormAsync("/admin/sign-in", [new("userName", user), new("password", password)], tokenFrom: "/admin/sign-in");

    /// <summary>Posts a form, with the antiforgery token of the page at <paramref name="tokenFrom"/> (the queue unless said) unless <paramref name="withToken"/> is false.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, bool withToken = true, string tokenFrom = "/admin")
    {
        var all = fields.ToList();
        if (withToken)
        {
            using var page = await _client.GetAsync(tokenFrom);
            var html = await page.Content.ReadAsStringAsync();
            var token = TokenPattern().Match(html);
            Assert.True(token.Success, $"no antiforgery token on {tokenFrom} ({(int)page.StatusCode})");
            all.Add(new("__csrf", WebUtility.HtmlDecode(token.Groups[1].Value)));
        }

        return await _client.PostAsync(path, new FormUrlEncodedContent(all));
    }

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
