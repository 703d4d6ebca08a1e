using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Pledge.Access;
using static Pledge.Server.Pages.Html;

namespace Pledge.Server.Admin;

/// <summary>
/// The admin console's page frame: plain HTML without script, the privacy centre's stylesheet, a navigation that
/// shows only what the role may open, and forms that always carry the antiforgery token.
/// </summary>
internal sealed class AdminPage(HttpContext context)
{
    private readonly StringBuilder _body = new();
    private AntiforgeryTokenSet? _tokens;

    public HttpContext Context { get; } = context;

    public AdminPage Raw(string html)
    {
        _body.Append(html);
        return this;
    }

    public AdminPage Text(string? text)
    {
        _body.Append(Encode(text));
        return this;
    }

    public AdminPage Heading(string text, int level = 1) => Raw($"<h{level}>").Text(text).Raw($"</h{level}>\n");

    public AdminPage Paragraph(string text, string? cssClass = null, string? role = null) =>
        Raw("<p" + (cssClass is null ? "" : $" class=\"{cssClass}\"") + (role is null ? "" : $" role=\"{role}\"") + ">").Text(text).Raw("</p>\n");

    /// <summary>A message after an action: a success note, or an error the screen reader announces at once.</summary>
    public AdminPage Notice(string? message, bool error)
    {
        return message is null ? this : Paragraph(message, error ? "error" : "note", error ? "alert" : "status");
    }

    /// <summary>Opens a POST form to <paramref name="action"/> with the antiforgery token.</summary>
    public AdminPage Form(string action, string? cssClass = null)
    {
        _tokens ??= Context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(Context);
        return Raw("<form method=\"post\" action=\"").Text(action).Raw("\"" + (cssClass is null ? "" : $" class=\"{cssClass}\"") + ">\n<input type=\"hidden\" name=\"")
            .Text(_tokens.FormFieldName).Raw("\" value=\"").Text(_tokens.RequestToken).Raw("\">\n");
    }

    /// <summary>A one-button form.</summary>
    public AdminPage Button(string action, string label) => Form(action, "inline").Raw("<button type=\"submit\">").Text(label).Raw("</button>\n</form>\n");

    public AdminPage Input(string name, string label, string type = "text", string? value = null, bool required = false, string? autocomplete = null, string? id = null) =>
        Raw("<label for=\"").Text(id ?? name).Raw("\">").Text(label).Raw("</label>\n<input id=\"").Text(id ?? name).Raw("\" name=\"").Text(name).Raw("\" type=\"").Text(type).Raw("\"")
            .Raw(value is null ? "" : " value=\"" + Encode(value) + "\"").Raw(required ? " required" : "")
            .Raw(autocomplete is null ? "" : " autocomplete=\"" + Encode(autocomplete) + "\"").Raw(">\n");

    public AdminPage Select(string name, string label, IEnumerable<(string Value, string Text)> options, string? id = null) =>
        Raw("<label for=\"").Text(id ?? name).Raw("\">").Text(label).Raw("</label>\n<select id=\"").Text(id ?? name).Raw("\" name=\"").Text(name).Raw("\">\n")
            .Raw(string.Concat(options.Select(o => "<option value=\"" + Encode(o.Value) + "\">" + Encode(o.Text) + "</option>\n"))).Raw("</select>\n");

    /// <summary>A table with a caption and column headers; cells are text, encoded here.</summary>
    public AdminPage Table(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows) =>
        TableHtml(caption, headers, rows.Select(r => (IReadOnlyList<string>)[.. r.Select(Encode)]));

    /// <summary>A table whose cells are already HTML.</summary>
    public AdminPage TableHtml(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        Raw("<table>\n<caption>").Text(caption).Raw("</caption>\n<thead><tr>");
        foreach (var header in headers)
        {
            Raw("<th scope=\"col\">").Text(header).Raw("</th>");
        }

        Raw("</tr></thead>\n<tbody>\n");
        var any = false;
        foreach (var row in rows)
        {
            any = true;
            Raw("<tr>").Raw(string.Concat(row.Select(c => "<td>" + c + "</td>"))).Raw("</tr>\n");
        }

        if (!any)
        {
            Raw($"<tr><td colspan=\"{headers.Count.ToString(CultureInfo.InvariantCulture)}\">None.</td></tr>\n");
        }

        return Raw("</tbody>\n</table>\n");
    }

    /// <summary>The finished page; <paramref name="status"/> 400 for a form error, 200 otherwise.</summary>
    public IResult Render(string title, int status = StatusCodes.Status200OK)
    {
        var user = Context.User;
        var signedIn = user.Identity?.IsAuthenticated == true && user.Identity.AuthenticationType == AdminPolicies.Scheme;
        var html = new StringBuilder(2048 + _body.Length)
            .Append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"robots\" content=\"noindex\">\n<title>").Append(Encode(title)).Append(" · Pledge admin</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"/assets/site.css\">\n</head>\n<body class=\"admin\">\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n");
        if (signedIn)
        {
            var role = AdminPolicies.RoleOf(user);
            html.Append("<header>\n<nav aria-label=\"Admin\">\n<ul>\n<li><a href=\"/admin\">Requests</a></li>\n<li><a href=\"/admin/subjects\">Subjects</a></li>\n")
                .Append("<li><a href=\"/admin/retention\">Retention</a></li>\n<li><a href=\"/admin/records\">Records</a></li>\n<li><a href=\"/admin/audit\">Audit log</a></li>\n");
            if (role == StaffRole.Admin)
            {
                html.Append("<li><a href=\"/admin/accounts\">Accounts and API keys</a></li>\n");
            }

            html.Append("</ul>\n</nav>\n<p>Signed in as ").Append(Encode(user.Identity!.Name)).Append(" (").Append(Encode(StaffAccounts.Name(role).Replace('_', ' '))).Append(")</p>\n");
            _tokens ??= Context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(Context);
            html.Append("<form method=\"post\" action=\"/admin/sign-out\" class=\"inline\"><input type=\"hidden\" name=\"").Append(Encode(_tokens.FormFieldName))
                .Append("\" value=\"").Append(Encode(_tokens.RequestToken)).Append("\"><button type=\"submit\">Sign out</button></form>\n</header>\n");
        }

        html.Append("<main id=\"main\">\n").Append(_body).Append("</main>\n</body>\n</html>\n");
        Context.Response.Headers.CacheControl = "no-store";
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static string Date(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + (at is null ? "" : " UTC");

    public static string Link(string href, string text) => "<a href=\"" + Encode(href) + "\">" + Encode(text) + "</a>";

    public static string Actor(ClaimsPrincipal user) => AdminPolicies.Actor(user);
}
