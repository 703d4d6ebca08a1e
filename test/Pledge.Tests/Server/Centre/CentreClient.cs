using Pledge.Server.Banner;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Pledge.Tests.Server.Centre;

/// <summary>A browser-like client of the real server: keeps cookies, follows no redirects, fills in the CSRF field; reads the file outbox.</summary>
internal sealed partial class CentreClient(RunningServer server) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

    public HttpClient Http => _http;

    public async Task<(HttpResponseMessage Response, string Html)> GetAsync(string path)
    {
        var response = await _http.GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts <paramref name="fields"/> with the CSRF token of <paramref name="page"/>'s form.</summary>
    public async Task<(HttpResponseMessage Response, string Html)> PostAsync(string path, string page, params (string Name, string Value)[] fields)
    {
        var token = CsrfPattern().Match(page).Groups[1].Value;
        var content = new FormUrlEncodedContent([new("__csrf", WebUtility.HtmlDecode(token)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
        var response = await _http.PostAsync(path, content);
        return (response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A headless browser that has made its cookie choice already, so that the banner covers nothing of the page.</summary>
    public static async Task<Chromium> ReturningVisitorAsync(RunningServer server)
    {
        var browser = await Chromium.StartAsync();
        var choice = new ConsentCookie(server.Site.Banner.Terms, ConsentCookie.NewId(), TimeProvider.System.GetUtcNow().AddHours(1).ToUnixTimeSeconds(), []);
        await browser.SetCookieAsync(server.BaseAddress, server.Site.Banner.CookieName, choice.ToString());
        return browser;
    }

    /// <summary>The text of the newest message to <paramref name="to"/> in the outbox.</summary>
    public static string LatestMail(RunningServer server, string to)
    {
        foreach (var file in Directory.GetFiles(server.Outbox, "*.eml").OrderByDescending(File.GetLastWriteTimeUtc).ThenByDescending(f => f, StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            if (text.Contains("To: " + to, StringComparison.OrdinalIgnoreCase))
            {
                var body = text[(text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
                return Encoding.UTF8.GetString(Convert.FromBase64String(body.Replace("\r\n", "", StringComparison.Ordinal)));
            }
        }

        throw new InvalidOperationException("no message to " + to);
    }

    public static string Code(string mail) => CodePattern().Match(mail).Groups[1].Value;

    public static string Hidden(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, "name=\"" + Regex.Escape(name) + "\" value=\"([^\"]*)\"").Groups[1].Value);

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfPattern();

    [GeneratedRegex(@"\bis (\d{6})\.")]
    private static partial Regex CodePattern();
}
