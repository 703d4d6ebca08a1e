using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Pledge.Server.Hosting;
using Pledge.Server.Pages;
using static Pledge.Server.Pages.Html;

namespace Pledge.Server.Centre;

/// <summary>
/// What the centre's forms share: the language, the CSRF field, an error summary that links to each field (announced
/// as an alert, focus moves to it with <c>autofocus</c>), and fields whose label, hint and error are tied to the input.
/// </summary>
internal sealed class CentrePage(HttpContext context, PledgeSite site)
{
    private readonly List<(string Field, string Message)> _errors = [];

    public CentreText Text { get; } = new(LanguageOf(context, site));

    public HttpContext Context => context;

    public PledgeSite Site => site;

    public bool HasErrors => _errors.Count > 0;

    public void Error(string field, string message) => _errors.Add((field, message));

    public string? ErrorOf(string field) => _errors.FirstOrDefault(e => e.Field == field).Message;

    /// <summary>The language query string to carry on links and form actions.</summary>
    public string Lang => "lang=" + Text.Language;

    public string Csrf()
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{Encode(tokens.FormFieldName)}\" value=\"{Encode(tokens.RequestToken)}\">\n";
    }

    public string ErrorSummary()
    {
        if (_errors.Count == 0)
        {
            return "";
        }

        var html = new StringBuilder("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\" autofocus aria-labelledby=\"error-summary-title\">\n<h2 id=\"error-summary-title\">")
            .Append(Encode(Text["Errors.Title"])).Append("</h2>\n<ul>\n");
        foreach (var (field, message) in _errors)
        {
            html.Append("<li><a href=\"#").Append(Encode(field)).Append("\">").Append(Encode(message)).Append("</a></li>\n");
        }

        return html.Append("</ul>\n</div>\n").ToString();
    }

    /// <summary>A labelled input; its hint and error are read with it (<c>aria-describedby</c>).</summary>
    public string Input(string name, string label, string? value, string type = "text", string? hint = null, string? autocomplete = null, string extra = "")
    {
        var error = ErrorOf(name);
        var described = string.Join(' ', new[] { hint is null ? null : name + "-hint", error is null ? null : name + "-error" }.Where(d => d is not null));
        var html = new StringBuilder("<div class=\"field\">\n<label for=\"").Append(name).Append("\">").Append(Encode(label)).Append("</label>\n");
        if (hint is not null)
        {
            html.Append("<p class=\"hint\" id=\"").Append(name).Append("-hint\">").Append(Encode(hint)).Append("</p>\n");
        }

        if (error is not null)
        {
            html.Append("<p class=\"error\" id=\"").Append(name).Append("-error\">").Append(Encode(error)).Append("</p>\n");
        }

        html.Append("<input id=\"").Append(name).Append("\" name=\"").Append(name).Append("\" type=\"").Append(type).Append("\" value=\"").Append(Encode(value)).Append('"');
        if (autocomplete is not null)
        {
            html.Append(" autocomplete=\"").Append(autocomplete).Append('"');
        }

        if (described.Length > 0)
        {
            html.Append(" aria-describedby=\"").Append(described).Append('"');
        }

        return html.Append(error is null ? "" : " aria-invalid=\"true\"").Append(extra).Append(">\n</div>\n").ToString();
    }

    /// <summary>The page in the frame; every page but the home itself starts with a link to the home.</summary>
    public IResult Render(string title, string body, int status = StatusCodes.Status200OK, bool isHome = false)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.CacheControl = "no-store";
        var full = isHome ? body : "<p><a href=\"/?" + Lang + "\">" + Encode(site.Policy.Organisation.Controller.Name) + "</a></p>\n" + body;
        var result = Page(Text, (HasErrors ? Text["Errors.Title"] + ": " : "") + title, full, site.Banner.AssetVersion);
        return status == StatusCodes.Status200OK ? result : new StatusResult(result, status);
    }

    private static string LanguageOf(HttpContext context, PledgeSite site)
    {
        var form = context.Request.HasFormContentType ? context.Request.Form["lang"].ToString() : "";
        if (form.Length > 0 && site.Policy.Notice.Languages.Contains(form, StringComparer.OrdinalIgnoreCase))
        {
            return form.ToLowerInvariant();
        }

        var lang = PrivacyCentreApi.Language(context.Request, site.Policy);
        return lang.Length == 0 ? site.Policy.Notice.DefaultLanguage : lang;
    }

    /// <summary>Writes a page with a status other than 200 (a form with errors is a 400, a bad link a 404).</summary>
    private sealed class StatusResult(IResult inner, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
