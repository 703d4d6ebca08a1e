using System.Net;
using System.Text;

namespace Pledge.Server.Pages;

/// <summary>The privacy centre's page frame: plain HTML that works without script, one stylesheet, the banner.</summary>
internal static class Html
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static IResult Page(string language, string title, string body, string bannerVersion)
    {
        var html = new StringBuilder(1024 + body.Length)
            .Append("<!doctype html>\n<html lang=\"").Append(Encode(language)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").Append(Encode(title)).Append("</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"/assets/site.css\">\n")
            .Append("<link rel=\"stylesheet\" href=\"/banner.").Append(bannerVersion).Append(".css\">\n")
            .Append("<script src=\"/banner.").Append(bannerVersion).Append(".js\" defer></script>\n</head>\n<body>\n")
            .Append("<a class=\"skip\" href=\"#main\">Skip to content</a>\n<main id=\"main\">\n").Append(body).Append("</main>\n")
            .Append("<footer><a href=\"/\">Privacy centre</a> · <a href=\"/notice\">Privacy notice</a> · <a href=\"/cookies\" data-pledge-open>Cookie settings</a></footer>\n")
            .Append("</body>\n</html>\n");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
