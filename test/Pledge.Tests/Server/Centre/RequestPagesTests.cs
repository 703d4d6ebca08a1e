using System.Net;
using System.Text.RegularExpressions;
using Pledge.Requests;

namespace Pledge.Tests.Server.Centre;

/// <summary>The request form, code check and status page against the real server.</summary>
public sealed class RequestPagesTests(RunningServer server) : IClassFixture<RunningServer>
{
    private static async Task<(CentreClient Client, string VerifyPath, string Html)> SubmitAsync(RunningServer server, string email, string kind = "access")
    {
        var client = new CentreClient(server);
        var (_, form) = await client.GetAsync("/requests/new");
        var (response, _) = await client.PostAsync("/requests/new", form, ("kind", kind), ("identifier_kind", "email"), ("identifier", email), ("email", email));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var (_, html) = await client.GetAsync(location);
        return (client, location, html);
    }

    [Fact]
    public async Task Submit_SendsCodeAndStatusLink_RightCodeVerifies()
    {
        var (client, verifyPath, html) = await SubmitAsync(server, "ada.centre@example.com");
        using var owned = client;
        var mail = CentreClient.LatestMail(server, "ada.centre@example.com");
        var statusLink = Regex.Match(mail, @"http://\S+/requests/\d+\?t=[0-9a-f]{32}").Value;
        Assert.NotEmpty(statusLink);

        var (posted, _) = await client.PostAsync(new Uri(verifyPath, UriKind.RelativeOrAbsolute).AbsolutePath, html, ("t", CentreClient.Hidden(html, "t")), ("code", CentreClient.Code(mail)));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var (status, page) = await client.GetAsync(statusLink);

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Contains("data-state=\"verified\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"due\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WrongCodes_CountDownThenRefuse()
    {
        var (client, verifyPath, html) = await SubmitAsync(server, "wrong.codes@example.com");
        using var owned = client;
        var path = new Uri(verifyPath, UriKind.RelativeOrAbsolute).AbsolutePath;
        var t = CentreClient.Hidden(html, "t");
        var right = CentreClient.Code(CentreClient.LatestMail(server, "wrong.codes@example.com"));
        var wrong = right == "000000" ? "111111" : "000000";

        var (first, firstHtml) = await client.PostAsync(path, html, ("t", t), ("code", wrong));
        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Contains("4 more attempts", firstHtml, StringComparison.Ordinal);
        Assert.Contains("role=\"alert\"", firstHtml, StringComparison.Ordinal);
        var last = firstHtml;
        for (var i = 0; i < 4; i++)
        {
            (_, last) = await client.PostAsync(path, last, ("t", t), ("code", wrong));
        }

        Assert.Contains("Too many wrong codes", last, StringComparison.Ordinal);
        var (after, _) = await client.PostAsync(path, last, ("t", t), ("code", right));
        Assert.Equal(HttpStatusCode.BadRequest, after.StatusCode);
    }

    [Fact]
    public async Task Submit_InvalidFields_ShowsErrorSummaryAndRecordsNothing()
    {
        using var client = new CentreClient(server);
        var (_, form) = await client.GetAsync("/requests/new");
        var before = (await server.Site.Requests.ListAsync(new RequestFilter(OpenOnly: false))).Count;

        var (response, html) = await client.PostAsync("/requests/new", form, ("kind", "teleport"), ("identifier_kind", "email"), ("identifier", ""), ("email", "not-an-address"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("class=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#email\"", html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", html, StringComparison.Ordinal);
        Assert.Equal(before, (await server.Site.Requests.ListAsync(new RequestFilter(OpenOnly: false))).Count);
    }

    [Fact]
    public async Task Submit_WithoutCsrfToken_IsRefused()
    {
        using var client = server.Client();
        using var response = await client.PostAsync("/requests/new", new FormUrlEncodedContent([new("kind", "access"), new("identifier_kind", "email"), new("identifier", "x@example.com"), new("email", "x@example.com")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Submit_KnownAndUnknownIdentifiers_AnswerAlike()
    {
        var (a, _, knownHtml) = await SubmitAsync(server, "user1@example.com");
        var (b, _, unknownHtml) = await SubmitAsync(server, "nobody-at-all@example.com");
        a.Dispose();
        b.Dispose();

        static string Strip(string html) => Regex.Replace(Regex.Replace(html, "value=\"[^\"]*\"", ""), "/requests/[0-9]+/", "/requests/N/");
        Assert.Equal(Strip(knownHtml), Strip(unknownHtml));
    }

    [Theory]
    [InlineData("/requests/1?t=00000000000000000000000000000000")]
    [InlineData("/requests/999999?t=00000000000000000000000000000000")]
    [InlineData("/requests/1")]
    public async Task Status_WrongOrMissingToken_IsTheSameNotFoundPage(string path)
    {
        using var client = new CentreClient(server);
        var (response, html) = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This link is not valid", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_InGerman_UsesTheGermanText()
    {
        using var client = new CentreClient(server);
        var (_, html) = await client.GetAsync("/requests/new?lang=de");

        Assert.Contains("<html lang=\"de\">", html, StringComparison.Ordinal);
        Assert.Contains("Anfrage senden", html, StringComparison.Ordinal);
    }
}
