using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Pledge.Policy.Model;
using Pledge.Requests;
using Pledge.Server.Hosting;
using static Pledge.Server.Pages.Html;
using LocatingSubject = Pledge.Connectors.Locating.SubjectIdentifier;

namespace Pledge.Server.Centre;

/// <summary>
/// The request form, the code check and the status page. Nothing on them depends on whether an identifier is known:
/// every well-formed request is recorded and answered alike, and a request is reached only through its status token.
/// </summary>
internal static class RequestPages
{
    public const string Actor = "privacy-centre";

    public static RouteGroupBuilder MapRequestPages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/requests/new", (HttpContext context, PledgeSite site) => Form(new CentrePage(context, site), null));
        pages.MapPost("/requests/new", SubmitAsync);
        pages.MapGet("/requests/{id:long}", StatusAsync);
        pages.MapGet("/requests/{id:long}/verify", VerifyFormAsync);
        pages.MapPost("/requests/{id:long}/verify", VerifyAsync);
        pages.MapPost("/requests/{id:long}/resend", ResendAsync);
        return pages;
    }

    internal static string StatusLink(HttpContext context, PledgeSite site, long id, string path = "") =>
        CentreUrls.Base(context) + "/requests/" + id.ToString(CultureInfo.InvariantCulture) + path + "?t=" + CentreKeys.Of(context).StatusLinks.Token(id);

    private static IResult Form(CentrePage page, IFormCollection? form)
    {
        var text = page.Text;
        var policy = page.Site.Policy;
        var chosen = form?["kind"].ToString();
        var body = new StringBuilder("<h1>").Append(Encode(text["Request.Title"])).Append("</h1>\n").Append(page.ErrorSummary())
            .Append("<p>").Append(Encode(text["Request.Intro"])).Append("</p>\n<form method=\"post\" action=\"/requests/new\" novalidate>\n").Append(page.Csrf())
            .Append("<input type=\"hidden\" name=\"lang\" value=\"").Append(text.Language).Append("\">\n");
        var kindError = page.ErrorOf("kind");
        body.Append("<fieldset id=\"kind\"").Append(kindError is null ? "" : " aria-describedby=\"kind-error\"").Append(">\n<legend>").Append(Encode(text["Request.Kind"])).Append("</legend>\n");
        if (kindError is not null)
        {
            body.Append("<p class=\"error\" id=\"kind-error\">").Append(Encode(kindError)).Append("</p>\n");
        }

        foreach (var kind in Enum.GetValues<RequestKind>())
        {
            var value = RequestDesk.Name(kind);
            body.Append("<label><input type=\"radio\" name=\"kind\" value=\"").Append(value).Append('"').Append(chosen == value ? " checked" : "")
                .Append("> ").Append(Encode(text["Kind." + kind])).Append("</label>\n");
        }

        body.Append("</fieldset>\n<div class=\"field\">\n<label for=\"identifier_kind\">").Append(Encode(text["Request.IdentifierKind"])).Append("</label>\n<select id=\"identifier_kind\" name=\"identifier_kind\">\n");
        foreach (var identifier in IdentifierKinds(policy))
        {
            body.Append("<option value=\"").Append(Encode(identifier.Key)).Append('"').Append(form?["identifier_kind"].ToString() == identifier.Key ? " selected" : "")
                .Append('>').Append(Encode(identifier.Name.In(text.Language))).Append("</option>\n");
        }

        body.Append("</select>\n</div>\n")
            .Append(page.Input("identifier", text["Request.Identifier"], form?["identifier"], hint: text["Request.IdentifierHint"]))
            .Append(page.Input("email", text["Request.Email"], form?["email"], "email", autocomplete: "email"));
        var changesError = page.ErrorOf("changes");
        body.Append("<div class=\"field\">\n<label for=\"changes\">").Append(Encode(text["Request.Changes"])).Append("</label>\n<p class=\"hint\" id=\"changes-hint\">")
            .Append(Encode(text["Request.ChangesHint"])).Append("</p>\n");
        if (changesError is not null)
        {
            body.Append("<p class=\"error\" id=\"changes-error\">").Append(Encode(changesError)).Append("</p>\n");
        }

        body.Append("<textarea id=\"changes\" name=\"changes\" rows=\"3\" cols=\"50\" aria-describedby=\"changes-hint").Append(changesError is null ? "\"" : " changes-error\" aria-invalid=\"true\"")
            .Append('>').Append(Encode(form?["changes"])).Append("</textarea>\n</div>\n<div class=\"field\">\n<label for=\"activity\">").Append(Encode(text["Request.Activity"]))
            .Append("</label>\n<p class=\"hint\" id=\"activity-hint\">").Append(Encode(text["Request.ActivityHint"])).Append("</p>\n<select id=\"activity\" name=\"activity\" aria-describedby=\"activity-hint\">\n<option value=\"\">")
            .Append(Encode(text["Request.Any"])).Append("</option>\n");
        foreach (var activity in policy.Activities)
        {
            body.Append("<option value=\"").Append(Encode(activity.Id)).Append('"').Append(form?["activity"].ToString() == activity.Id ? " selected" : "").Append('>')
                .Append(Encode(activity.Name.In(text.Language))).Append("</option>\n");
        }

        body.Append("</select>\n</div>\n<button type=\"submit\">").Append(Encode(text["Request.Submit"])).Append("</button>\n</form>\n");
        return page.Render(text["Request.Title"], body.ToString(), page.HasErrors ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static IEnumerable<TaxonomyEntry> IdentifierKinds(Policy.Model.Policy policy) =>
        policy.Taxonomy.Identifiers.Where(i => i.Key != "cookie_id").OrderBy(i => i.Key == "email" ? 0 : 1);

    private static async Task<IResult> SubmitAsync(IFormCollection form, HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        var page = new CentrePage(context, site);
        var text = page.Text;
        RequestKind? kind = Enum.GetValues<RequestKind>().Cast<RequestKind?>().FirstOrDefault(k => RequestDesk.Name(k!.Value) == form["kind"].ToString());
        if (kind is null)
        {
            page.Error("kind", text["Error.Kind"]);
        }

        var identifierKind = form["identifier_kind"].ToString();
        var identifier = form["identifier"].ToString().Trim();
        if (identifier.Length == 0 || identifier.Length > 320 || !IdentifierKinds(site.Policy).Any(i => i.Key == identifierKind)
            || Consent.SubjectIdentifier.Create(identifierKind, identifier).Identifier is not { } subject)
        {
            page.Error("identifier", text["Error.Identifier"]);
            subject = null;
        }

        var email = form["email"].ToString().Trim();
        if (!FieldValidation.IsEmail(email) || email.Length > 320)
        {
            page.Error("email", text["Error.Email"]);
        }

        var details = Details(form, kind);
        if (kind is not null && details.Error is null && site.Requests.Validate(kind.Value, details.Details!) is { } invalid)
        {
            details = (null, invalid);
        }

        if (details.Error is not null)
        {
            page.Error(kind == RequestKind.Rectification || form["changes"].ToString().Length > 0 ? "changes" : "activity", text.Format("Error.Details", details.Error));
        }

        if (page.HasErrors)
        {
            return Form(page, form);
        }

        var submission = new RequestSubmission(kind!.Value, new LocatingSubject(subject!.Kind, subject.Value), email, details.Details);
        var result = await site.Requests.SubmitAsync(submission, Actor, id => StatusLink(context, site, id), cancellationToken);
        if (result.Request is not { } request)
        {
            page.Error("kind", text.Format("Error.Details", result.Error!.Message));
            return Form(page, form);
        }

        return Results.Redirect(StatusLink(context, site, request.Id, "/verify") + "&" + page.Lang, permanent: false, preserveMethod: false);
    }

    private static (RequestDetails? Details, string? Error) Details(IFormCollection form, RequestKind? kind)
    {
        var changes = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var line in form["changes"].ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return (null, $"'{line}' is not system.table.column=value");
            }

            changes[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }

        var activity = form["activity"].ToString();
        if (kind is not (RequestKind.Objection or RequestKind.Restriction))
        {
            activity = "";
        }

        return (new RequestDetails(changes.Count == 0 ? null : changes.ToImmutable(), activity.Length == 0 ? null : activity), null);
    }

    private static async Task<DataRequest?> FindAsync(HttpContext context, PledgeSite site, long id, string? token, CancellationToken cancellationToken) =>
        CentreKeys.Of(context).StatusLinks.Check(id, token) ? await site.Requests.GetAsync(id, cancellationToken) : null;

    private static IResult InvalidLink(CentrePage page) =>
        page.Render(page.Text["Link.InvalidTitle"], "<h1>" + Encode(page.Text["Link.InvalidTitle"]) + "</h1>\n<p>" + Encode(page.Text["Link.Invalid"]) + "</p>\n", StatusCodes.Status404NotFound);

    private static async Task<IResult> StatusAsync(long id, string? t, HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        var page = new CentrePage(context, site);
        if (await FindAsync(context, site, id, t, cancellationToken) is not { } request)
        {
            return InvalidLink(page);
        }

        var text = page.Text;
        var body = new StringBuilder("<h1>").Append(Encode(text["Status.Title"])).Append("</h1>\n<p>").Append(Encode(text["Status.Keep"])).Append("</p>\n<dl class=\"status\">\n")
            .Append("<dt>").Append(Encode(text["Status.Kind"])).Append("</dt><dd>").Append(Encode(text["Kind." + request.Kind])).Append("</dd>\n")
            .Append("<dt>").Append(Encode(text["Status.State"])).Append("</dt><dd id=\"state\" data-state=\"").Append(RequestDesk.Name(request.Status)).Append("\">")
            .Append(Encode(text["State." + request.Status])).Append("</dd>\n")
            .Append("<dt>").Append(Encode(text["Status.Received"])).Append("</dt><dd>").Append(Encode(text.Date(request.ReceivedAt))).Append("</dd>\n")
            .Append("<dt>").Append(Encode(text["Status.Due"])).Append("</dt><dd id=\"due\">").Append(Encode(text.Date(request.Due))).Append("</dd>\n</dl>\n");
        if (request.Status == RequestStatus.Received)
        {
            body.Append("<p><a href=\"").Append(Encode(StatusLink(context, site, id, "/verify") + "&" + page.Lang)).Append("\">").Append(Encode(text["Status.VerifyNow"])).Append("</a></p>\n");
        }

        return page.Render(text["Status.Title"], body.ToString());
    }

    private static async Task<IResult> VerifyFormAsync(long id, string? t, HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        var page = new CentrePage(context, site);
        if (await FindAsync(context, site, id, t, cancellationToken) is not { } request)
        {
            return InvalidLink(page);
        }

        return request.Status != RequestStatus.Received
            ? Results.Redirect(StatusLink(context, site, id) + "&" + page.Lang)
            : CodeForm(page, id, t!, canRetry: true);
    }

    private static IResult CodeForm(CentrePage page, long id, string token, bool canRetry)
    {
        var text = page.Text;
        var path = "/requests/" + id.ToString(CultureInfo.InvariantCulture);
        var body = new StringBuilder("<h1>").Append(Encode(text["Verify.Title"])).Append("</h1>\n").Append(page.ErrorSummary())
            .Append("<p role=\"status\">").Append(Encode(text["Verify.Sent"])).Append("</p>\n");
        if (canRetry)
        {
            body.Append("<form method=\"post\" action=\"").Append(path).Append("/verify\" novalidate>\n").Append(page.Csrf())
                .Append("<input type=\"hidden\" name=\"t\" value=\"").Append(Encode(token)).Append("\">\n<input type=\"hidden\" name=\"lang\" value=\"").Append(text.Language).Append("\">\n")
                .Append(page.Input("code", text["Verify.Code"], null, "text", autocomplete: "one-time-code", extra: " inputmode=\"numeric\" maxlength=\"6\""))
                .Append("<button type=\"submit\">").Append(Encode(text["Verify.Submit"])).Append("</button>\n</form>\n");
        }

        body.Append("<form method=\"post\" action=\"").Append(path).Append("/resend\">\n").Append(page.Csrf())
            .Append("<input type=\"hidden\" name=\"t\" value=\"").Append(Encode(token)).Append("\">\n<input type=\"hidden\" name=\"lang\" value=\"").Append(text.Language).Append("\">\n")
            .Append("<button type=\"submit\" class=\"secondary\">").Append(Encode(text["Verify.Resend"])).Append("</button>\n</form>\n");
        return page.Render(text["Verify.Title"], body.ToString(), page.HasErrors ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> VerifyAsync(long id, IFormCollection form, HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        var page = new CentrePage(context, site);
        var token = form["t"].ToString();
        if (await FindAsync(context, site, id, token, cancellationToken) is not { } request)
        {
            return InvalidLink(page);
        }

        if (request.Status != RequestStatus.Received)
        {
            return Results.Redirect(StatusLink(context, site, id) + "&" + page.Lang, permanent: false, preserveMethod: false);
        }

        var code = form["code"].ToString().Trim();
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            page.Error("code", page.Text["Verify.Empty"]);
            return CodeForm(page, id, token, canRetry: true);
        }

        var result = await site.Requests.VerifyAsync(id, code, Actor, cancellationToken);
        if (result.Succeeded)
        {
            return Results.Redirect(StatusLink(context, site, id) + "&" + page.Lang, permanent: false, preserveMethod: false);
        }

        var error = result.Error!;
        var message = error.Kind switch
        {
            RequestErrorKind.CodeInvalid when error.Message.Contains("(0 attempts", StringComparison.Ordinal) => page.Text["Verify.TooMany"],
            RequestErrorKind.CodeInvalid => page.Text.Format("Verify.Wrong", AttemptsLeft(error.Message)),
            RequestErrorKind.TooManyAttempts => page.Text["Verify.TooMany"],
            _ => page.Text["Verify.Expired"],
        };
        page.Error("code", message);
        return CodeForm(page, id, token, canRetry: error.Kind == RequestErrorKind.CodeInvalid && !error.Message.Contains("(0 attempts", StringComparison.Ordinal));
    }

    private static int AttemptsLeft(string message)
    {
        var open = message.IndexOf('(', StringComparison.Ordinal);
        var space = open < 0 ? -1 : message.IndexOf(' ', open);
        return open >= 0 && space > open && int.TryParse(message.AsSpan(open + 1, space - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var left) ? left : 0;
    }

    private static async Task<IResult> ResendAsync(long id, IFormCollection form, HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        var page = new CentrePage(context, site);
        var token = form["t"].ToString();
        if (await FindAsync(context, site, id, token, cancellationToken) is not { } request)
        {
            return InvalidLink(page);
        }

        if (request.Status == RequestStatus.Received)
        {
            await site.Requests.SendCodeAsync(id, Actor, StatusLink(context, site, id), cancellationToken);
        }

        return Results.Redirect(StatusLink(context, site, id, "/verify") + "&" + page.Lang, permanent: false, preserveMethod: false);
    }
}
