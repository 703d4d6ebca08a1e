using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Pledge.Access;
using Pledge.Consent;
using Pledge.Policy.Model;
using Pledge.Server.Hosting;
using Pledge.Server.Security;
using static Pledge.Server.Pages.Html;

namespace Pledge.Server.Centre;

/// <summary>
/// One-click unsubscribe (RFC 8058). <c>GET /unsubscribe?t=…</c> only shows a confirmation with a button, so a link
/// scanner that follows it changes nothing; <c>POST</c> with <c>List-Unsubscribe=One-Click</c> records the withdrawal
/// (channel <c>email_link</c>) once, however often it is sent. The signed token is the authority: no CSRF token, no
/// session. The organisation's mailer gets links from <c>POST /api/v1/consent/unsubscribe-link</c>.
/// </summary>
internal static class UnsubscribePages
{
    public const string OneClick = "List-Unsubscribe=One-Click";

    /// <summary>A link request: the subject (kind:value) and the activity it unsubscribes from.</summary>
    public sealed record LinkRequest(string? Subject, string? Activity);

    /// <summary>The link and the exact headers to put on the message.</summary>
    public sealed record LinkResponse(string Url, string ListUnsubscribe, string ListUnsubscribePost);

    public static RouteGroupBuilder MapUnsubscribePages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/unsubscribe", Confirm);
        pages.MapPost("/unsubscribe", UnsubscribeAsync).DisableAntiforgery();
        return pages;
    }

    public static IEndpointRouteBuilder MapUnsubscribeApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/consent/unsubscribe-link", Link).RequireAuthorization(ApiScopes.ConsentWrite).WithTags("Consent").WithName("CreateUnsubscribeLink");
        return app;
    }

    /// <summary>Whether one may unsubscribe from <paramref name="activity"/>: consent-based or direct marketing.</summary>
    internal static bool CanUnsubscribe(Activity activity) => activity.Basis == LawfulBasis.Consent || activity.DirectMarketing;

    private static Results<Ok<LinkResponse>, ProblemHttpResult> Link(LinkRequest request, HttpContext context, PledgeSite site, TimeProvider time)
    {
        var subject = SubjectIdentifier.Parse(request.Subject);
        if (subject.Identifier is null)
        {
            return Problems.Invalid("subject", subject.Error!);
        }

        if (request.Activity is null || site.Policy.Activity(request.Activity) is not { } activity || !CanUnsubscribe(activity))
        {
            return Problems.Invalid("activity", "a consent-based or direct-marketing activity of the policy: "
                + string.Join(", ", site.Policy.Activities.Where(CanUnsubscribe).Select(a => a.Id)));
        }

        var url = CentreUrls.Base(context) + "/unsubscribe?t=" + CentreKeys.Of(context).Unsubscribe.Issue(subject.Identifier, activity.Id, time.GetUtcNow());
        return TypedResults.Ok(new LinkResponse(url, "<" + url + ">", OneClick));
    }

    private static IResult Invalid(CentrePage page, string why) =>
        page.Render(page.Text["Unsub.Title"], "<h1>" + Encode(page.Text["Unsub.Title"]) + "</h1>\n<p role=\"alert\">" + Encode(page.Text.Format("Unsub.Invalid", why)) + "</p>\n",
            StatusCodes.Status400BadRequest);

    private static IResult Confirm(string? t, HttpContext context, PledgeSite site)
    {
        var page = new CentrePage(context, site);
        var read = CentreKeys.Of(context).Unsubscribe.Read(t);
        if (read.Claim is not { } claim || site.Policy.Activity(claim.Activity) is not { } activity)
        {
            return Invalid(page, read.Error ?? "the activity is no longer in the policy");
        }

        var text = page.Text;
        var body = new StringBuilder("<h1>").Append(Encode(text["Unsub.Title"])).Append("</h1>\n<form method=\"post\" action=\"/unsubscribe?t=").Append(Encode(Uri.EscapeDataString(t!)))
            .Append("&amp;").Append(page.Lang).Append("\">\n<p>").Append(Encode(text.Format("Unsub.Confirm", activity.Name.In(text.Language), claim.Subject.Value))).Append("</p>\n")
            .Append("<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">\n<button type=\"submit\">").Append(Encode(text["Unsub.Button"])).Append("</button>\n</form>\n");
        return page.Render(text["Unsub.Title"], body.ToString());
    }

    private static async Task<IResult> UnsubscribeAsync(string? t, HttpContext context, PledgeSite site, TimeProvider time, CancellationToken cancellationToken)
    {
        var page = new CentrePage(context, site);
        if (!context.Request.HasFormContentType)
        {
            return Problems.Invalid("body", "send " + OneClick + " as application/x-www-form-urlencoded");
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException e)
        {
            return Problems.Invalid("body", e.Message);
        }

        if (form["List-Unsubscribe"] != "One-Click")
        {
            return Problems.Invalid("body", "the body must be " + OneClick);
        }

        var read = CentreKeys.Of(context).Unsubscribe.Read(t);
        if (read.Claim is not { } claim || site.Policy.Activity(claim.Activity) is not { } activity)
        {
            return Invalid(page, read.Error ?? "the activity is no longer in the policy");
        }

        // One token, one event: a repeated POST (mail clients retry, people click twice) is stored once.
        var key = "unsubscribe:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(t!)));
        var evidence = new Evidence(time.GetUtcNow(), site.Version, EvidenceChannel.EmailLink, "unsubscribe-link", key);
        var kind = activity.Basis == LawfulBasis.Consent ? LedgerEventKind.ConsentWithdrawn : LedgerEventKind.Objection;
        var result = await site.Ledger.AppendAsync(new LedgerEvent(claim.Subject, kind, activity.Id, evidence), cancellationToken);
        if (result.Error is { } error)
        {
            return Problems.Ledger(error);
        }

        return page.Render(page.Text["Unsub.Title"], "<h1>" + Encode(page.Text["Unsub.Title"]) + "</h1>\n<p class=\"note\" role=\"status\">"
            + Encode(page.Text.Format("Unsub.Done", activity.Name.In(page.Text.Language))) + "</p>\n");
    }
}
