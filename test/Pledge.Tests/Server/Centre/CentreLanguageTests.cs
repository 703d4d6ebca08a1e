using System.Net;
using System.Text.RegularExpressions;

using Pledge.Tests.Support;

namespace Pledge.Tests.Server.Centre;

/// <summary>
/// The home, notice history and cookie pages in German, chosen by <c>?lang=de</c> or by <c>Accept-Language</c>: the
/// centre's own words, dates and the frame are German, and every link to a centre page keeps the reader in German.
/// </summary>
public sealed partial class CentreLanguageTests(RunningServer server) : IClassFixture<RunningServer>
{
    public static TheoryData<string, string, bool> GermanPages => new()
    {
        { "/", "Home.Title", false },
        { "/", "Home.Title", true },
        { "/notice/history", "History.Title", false },
        { "/notice/history", "History.Title", true },
        { "/cookies", "Cookies.Title", false },
        { "/cookies", "Cookies.Title", true },
        { "/cookies?saved=1", "Cookies.Title", false },
        { "/cookies?saved=1", "Cookies.Title", true },
    };

    private async Task<string> GermanAsync(string path, bool byAcceptLanguage, string? gpc = null)
    {
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, byAcceptLanguage ? path : path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "lang=de");
        request.Headers.AcceptLanguage.ParseAdd(byAcceptLanguage ? "de-DE,de;q=0.9,en;q=0.5" : "en-GB,en;q=0.9");
        if (gpc is not null)
        {
            request.Headers.Add("Sec-GPC", gpc);
        }

        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Theory]
    [MemberData(nameof(GermanPages))]
    public async Task Page_InGerman_HasNoEnglishCentreText(string path, string titleKey, bool byAcceptLanguage)
    {
        var html = await GermanAsync(path, byAcceptLanguage);

        Assert.Contains("<html lang=\"de\">", html, StringComparison.Ordinal);
        Assert.Contains("<title>" + WebUtility.HtmlEncode(CentreTextTests.German[titleKey]) + "</title>", html, StringComparison.Ordinal);
        Assert.Contains("Zum Inhalt springen", html, StringComparison.Ordinal);
        foreach (var title in new[] { "Privacy centre", "Changes to the privacy notice", "Cookie settings", "Skip to content", "Privacy notice" })
        {
            Assert.DoesNotContain(title, html, StringComparison.Ordinal);
        }

        var text = VisibleText(html);
        Assert.All(EnglishOnlyFragments(), f => Assert.False(Regex.IsMatch(text, @"(?<!\p{L})" + Regex.Escape(f) + @"(?!\p{L})"), $"English '{f}' on the German {path}"));
    }

    [Theory]
    [MemberData(nameof(GermanPages))]
    public async Task Page_InGerman_LinksToCentrePagesKeepTheLanguage(string path, string titleKey, bool byAcceptLanguage)
    {
        _ = titleKey;
        var html = await GermanAsync(path, byAcceptLanguage);
        var links = LinkPattern().Matches(html).Select(m => (Href: WebUtility.HtmlDecode(m.Groups["href"].Value), HrefLang: m.Groups["hreflang"].Value)).ToList();
        var centre = links.Where(l => l.HrefLang.Length == 0 && l.Href.StartsWith('/') && !l.Href.StartsWith("/.well-known/", StringComparison.Ordinal)
            && !l.Href.StartsWith("/openapi/", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(centre);
        Assert.All(centre, l => Assert.Matches(@"[?&]lang=de(&|$)", l.Href));
    }

    [Fact]
    public async Task Home_InGerman_LinksEveryCentrePageInGerman()
    {
        var html = await GermanAsync("/", byAcceptLanguage: true);
        var links = LinkPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["href"].Value)).ToHashSet();

        Assert.Subset(links, new HashSet<string> { "/notice?lang=de", "/notice/history?lang=de", "/requests/new?lang=de", "/preferences?lang=de", "/cookies?lang=de" });
    }

    [Fact]
    public async Task Home_LanguageSwitch_LinksEachLanguageByItsOwnName()
    {
        var html = await GermanAsync("/", byAcceptLanguage: false);

        Assert.Contains("<a href=\"/?lang=en\" hreflang=\"en\" lang=\"en\">English</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/?lang=de\" hreflang=\"de\" lang=\"de\" aria-current=\"true\">Deutsch</a>", html, StringComparison.Ordinal);
        Assert.Contains("<nav class=\"languages\" aria-label=\"Sprache\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_InGerman_DatesAndYesNoInGerman()
    {
        var html = await GermanAsync("/notice/history", byAcceptLanguage: false);

        Assert.Matches(@"<td>\d{2}\.\d{2}\.\d{4}</td><td>(ja|nein)</td>", html);
        Assert.DoesNotMatch(@"<td>(yes|no)</td>", html);
        Assert.DoesNotMatch(@"\d{4}-\d{2}-\d{2}", VisibleText(html));
        Assert.Contains("<th scope=\"col\">Wesentlich</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookies_InGermanWithGpc_SaysRefusedInGerman()
    {
        var html = await GermanAsync("/cookies", byAcceptLanguage: true, gpc: "1");

        Assert.Contains(WebUtility.HtmlEncode(CentreTextTests.German["Cookies.Gpc"]), html, StringComparison.Ordinal);
        Assert.Contains(" disabled>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Refused", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookies_SavedInGerman_RedirectsToTheGermanPage()
    {
        using var client = new CentreClient(server);
        var (_, form) = await client.GetAsync("/cookies?lang=de");
        Assert.Contains("name=\"lang\" value=\"de\"", form, StringComparison.Ordinal);

        var (response, _) = await client.PostAsync("/cookies", form, ("choice", "reject"), ("lang", "de"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/cookies?saved=1&lang=de", response.Headers.Location!.ToString());
        var (_, saved) = await client.GetAsync(response.Headers.Location!.ToString());
        Assert.Contains("Ihre Auswahl ist gespeichert.", saved, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/?lang=xx", "en")]
    [InlineData("/notice/history?lang=xx", "en")]
    [InlineData("/cookies", "en")]
    public async Task Page_UnknownOrNoLanguage_IsInTheDefault(string path, string expected)
    {
        using var client = server.Client();
        var html = await client.GetStringAsync(path);

        Assert.Contains($"<html lang=\"{expected}\">", html, StringComparison.Ordinal);
    }

    /// <summary>What a reader sees or hears: the text between tags and the accessible names set by attribute.</summary>
    private static string VisibleText(string html)
    {
        var labels = string.Join(' ', AriaLabelPattern().Matches(html).Select(m => m.Groups[1].Value));
        return WebUtility.HtmlDecode(TagPattern().Replace(ScriptPattern().Replace(html, " "), " ") + " " + labels);
    }

    /// <summary>The English centre text that German does not share, split at its placeholders.</summary>
    private static List<string> EnglishOnlyFragments() =>
        Translations.EnglishOnlyFragments(CentreTextTests.English, CentreTextTests.German, f => f.Length >= 2);

    [GeneratedRegex("<a href=\"(?<href>[^\"]*)\"(?: hreflang=\"(?<hreflang>[^\"]*)\")?")]
    private static partial Regex LinkPattern();

    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>", RegexOptions.Singleline)]
    private static partial Regex ScriptPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex("aria-label=\"([^\"]*)\"")]
    private static partial Regex AriaLabelPattern();
}
