using System.Net;
using System.Text;
using Pledge.Server.Centre;

namespace Pledge.Server.Pages;

/// <summary>The privacy centre's page frame: plain HTML that works without script, one stylesheet, the banner.</summary>
internal static class Html
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>
    /// A page in <paramref name="text"/>'s language: <c>&lt;html lang&gt;</c>, the skip link and the footer's links
    /// are in it, and the links carry <c>?lang=</c> so that the reader stays in that language.
    /// </summary>
    public static IResult Page(CentreText text, string title, string body, string bannerVersion)
    {
        var lang = "?lang=" + Encode(text.Language);
        var html = new StringBuilder(1024 + body.Length)
            .Append("<!doctype html>\n<html lang=\"").Append(Encode(text.Language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").Append(Encode(title)).Append("</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"/assets/site.css\">\n")
            .Append("<link rel=\"stylesheet\" href=\"/banner.").Append(bannerVersion).Append(".css\">\n")
            .Append("<script src=\"/banner.").Append(bannerVersion).Append(".js\" defer></script>\n</head>\n<body>\n")
            .Append("<a class=\"skip\" href=\"#main\">").Append(Encode(text["Page.Skip"])).Append("</a>\n<main id=\"main\">\n").Append(body).Append("</main>\n")
            .Append("<footer><a href=\"/").Append(lang).Append("\">").Append(Encode(text["Home.Title"])).Append("</a> · <a href=\"/notice").Append(lang).Append("\">")
            .Append(Encode(text["Nav.Notice"])).Append("</a> · <a href=\"/cookies").Append(lang).Append("\" data-pledge-open>").Append(Encode(text["Cookies.Title"])).Append("</a></footer>\n")
            .Append("</body>\n</html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
