using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Pledge.Centre;
using Pledge.Consent;
using Pledge.Policy.Model;
using Pledge.Requests.Email;
using Pledge.Server.Hosting;
using static Pledge.Server.Pages.Html;

namespace Pledge.Server.Centre;

/// <summary>
/// Consents and preferences for a person who proved control of an e-mail address with a one-time code: a session of
/// <see cref="SessionLifetime"/> for that address (a protected, HTTP-only, same-site cookie), a toggle per consent-based
/// activity and a channel and frequency per direct-marketing one. Every change goes to the ledger with channel
/// <c>web_form</c> and the policy version, and decisions see it at once.
/// </summary>
internal static class PreferencePages
{
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(20);

    public const string SessionCookie = "pledge_centre_session";

    private static readonly string[] Channels = ["email", "post", "phone"];

    private static readonly string[] Frequencies = ["as_it_happens", "weekly", "monthly", "never"];

    public static RouteGroupBuilder MapPreferencePages(this RouteGroupBuilder pages)
    {
        pages.MapGet("/preferences", ShowAsync);
        pages.MapPost("/preferences/code", SendCodeAsync);
        pages.MapPost("/preferences/verify", VerifyAsync);
        pages.MapPost("/preferences", SaveAsync);
        pages.MapPost("/preferences/sign-out", (HttpContext context) =>
        {
            context.Response.Cookies.Delete(SessionCookie, new CookieOptions { Path = "/" });
            return Results.Redirect("/preferences", permanent: false, preserveMethod: false);
        });
        return pages;
    }

    private static ITimeLimitedDataProtector Protector(HttpContext context, string purpose) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("pledge.centre." + purpose).ToTimeLimitedDataProtector();

    private static Consent.SubjectIdentifier? SessionSubject(HttpContext context)
    {
        if (context.Request.Cookies[SessionCookie] is not { Length: > 0 } cookie)
        {
            return null;
        }

        try
        {
            return Consent.SubjectIdentifier.Parse(Protector(context, "session").Unprotect(cookie)).Identifier;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    internal static IEnumerable<Activity> ConsentActivities(Policy.Model.Policy policy) => policy.Activities.Where(a => a.Basis == LawfulBasis.Consent);

    private static async Task<IResult> ShowAsync(HttpContext context, PledgeSite site, TimeProvider time, CancellationToken cancellationToken)
    {
        var page = new CentrePage(context, site);
        return SessionSubject(context) is { } subject ? await PreferencesForm(page, subject, time, cancellationToken) : EmailForm(page, null);
    }

    private static IResult EmailForm(CentrePage page, string? email)
    {
        var text = page.Text;
        var body = new StringBuilder("<h1>").Append(Encode(text["Prefs.Title"])).Append("</h1>\n").Append(page.ErrorSummary())
            .Append("<p>").Append(Encode(text["Prefs.Intro"])).Append("</p>\n<form method=\"post\" action=\"/preferences/code\" novalidate>\n").Append(page.Csrf())
            .Append("<input type=\"hidden\" name=\"lang\" value=\"").Append(text.Language).Append("\">\n")
            .Append(page.Input("email", text["Prefs.Email"], email, "email", autocomplete: "email"))
            .Append("<button type=\"submit\">").Append(Encode(text["Prefs.SendCode"])).Append("</button>\n</form>\n");
        return page.Render(text["Prefs.Title"], body.ToString(), page.HasErrors ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> SendCodeAsync(IFormCollection form, HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        var page = new CentrePage(context, site);
        var email = Consent.SubjectIdentifier.Create("email", form["email"].ToString()).Identifier;
        if (email is null)
        {
            page.Error("email", page.Text["Error.Email"]);
            return EmailForm(page, form["email"]);
        }

        // The same answer for every well-formed address: whether it is known is never revealed.
        var (id, code) = await CentreKeys.Of(context).Challenges.StartAsync(email.Value, cancellationToken);
        var controller = site.Policy.Organisation.Controller.Name;
        await site.Email.SendAsync(new EmailMessage(email.Value, $"Your code for {controller}'s privacy centre: {code}",
            $"Your code to manage your consents and preferences with {controller} is {code}.\n\nIt is valid for "
            + EmailChallenges.Lifetime.TotalMinutes.ToString(CultureInfo.InvariantCulture) + " minutes. If you did not ask for it, ignore this message.\n"), cancellationToken);
        var challenge = Protector(context, "challenge").Protect(id + "\n" + email.Value, EmailChallenges.Lifetime);
        return CodeForm(page, challenge);
    }

    private static IResult CodeForm(CentrePage page, string challenge)
    {
        var text = page.Text;
        var body = new StringBuilder("<h1>").Append(Encode(text["Verify.Title"])).Append("</h1>\n").Append(page.ErrorSummary())
            .Append("<p role=\"status\">").Append(Encode(text["Verify.Sent"].Replace("30", EmailChallenges.Lifetime.TotalMinutes.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))).Append("</p>\n")
            .Append("<form method=\"post\" action=\"/preferences/verify\" novalidate>\n").Append(page.Csrf())
            .Append("<input type=\"hidden\" name=\"challenge\" value=\"").Append(Encode(challenge)).Append("\">\n<input type=\"hidden\" name=\"lang\" value=\"").Append(text.Language).Append("\">\n")
            .Append(page.Input("code", text["Verify.Code"], null, autocomplete: "one-time-code", extra: " inputmode=\"numeric\" maxlength=\"6\""))
            .Append("<button type=\"submit\">").Append(Encode(text["Verify.Submit"])).Append("</button>\n</form>\n<p><a href=\"/preferences?").Append(page.Lang).Append("\">")
            .Append(Encode(text["Verify.Resend"])).Append("</a></p>\n");
        return page.Render(text["Verify.Title"], body.ToString(), page.HasErrors ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
    }

    private static async Task<IResult> VerifyAsync(IFormCollection form, HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        var page = new CentrePage(context, site);
        var challenge = form["challenge"].ToString();
        string[] parts;
        try
        {
            parts = Protector(context, "challenge").Unprotect(challenge).Split('\n');
        }
        catch (CryptographicException)
        {
            page.Error("email", page.Text["Verify.Expired"]);
            return EmailForm(page, null);
        }

        var code = form["code"].ToString().Trim();
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            page.Error("code", page.Text["Verify.Empty"]);
            return CodeForm(page, challenge);
        }

        var outcome = await CentreKeys.Of(context).Challenges.VerifyAsync(parts[0], parts[1], code, cancellationToken);
        switch (outcome.Status)
        {
            case ChallengeStatus.Verified:
                context.Response.Cookies.Append(SessionCookie, Protector(context, "session").Protect("email:" + parts[1], SessionLifetime), new CookieOptions
                {
                    Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, MaxAge = SessionLifetime,
                });
                return Results.Redirect("/preferences?" + page.Lang, permanent: false, preserveMethod: false);
            case ChallengeStatus.Wrong:
                page.Error("code", page.Text.Format("Verify.Wrong", outcome.AttemptsLeft));
                return CodeForm(page, challenge);
            case ChallengeStatus.TooManyAttempts:
                page.Error("email", page.Text["Verify.TooMany"]);
                return EmailForm(page, parts[1]);
            default:
                page.Error("email", page.Text["Verify.Expired"]);
                return EmailForm(page, parts[1]);
        }
    }

    private static async Task<IResult> PreferencesForm(CentrePage page, Consent.SubjectIdentifier subject, TimeProvider time, CancellationToken cancellationToken)
    {
        var text = page.Text;
        var site = page.Site;
        var now = time.GetUtcNow();
        var preferences = await CurrentPreferencesAsync(site, subject, cancellationToken);
        var body = new StringBuilder("<h1>").Append(Encode(text["Prefs.Title"])).Append("</h1>\n");
        if (page.Context.Request.Query["saved"] == "1")
        {
            body.Append("<p class=\"note\" role=\"status\">").Append(Encode(text["Prefs.Saved"])).Append("</p>\n");
        }

        body.Append("<p>").Append(Encode(text.Format("Prefs.For", subject.Value))).Append("</p>\n<form method=\"post\" action=\"/preferences\">\n").Append(page.Csrf())
            .Append("<input type=\"hidden\" name=\"lang\" value=\"").Append(text.Language).Append("\">\n<fieldset>\n<legend>").Append(Encode(text["Prefs.Consents"])).Append("</legend>\n");
        foreach (var activity in ConsentActivities(site.Policy))
        {
            var allowed = (await site.Decisions.DecideAsync(subject, activity.Id, now, cancellationToken)).Allowed;
            body.Append("<label><input type=\"checkbox\" name=\"consent\" value=\"").Append(Encode(activity.Id)).Append('"').Append(allowed ? " checked" : "")
                .Append("> <strong>").Append(Encode(activity.Name.In(text.Language))).Append("</strong></label>\n");
        }

        body.Append("</fieldset>\n<fieldset>\n<legend>").Append(Encode(text["Prefs.Preferences"])).Append("</legend>\n");
        foreach (var activity in ConsentActivities(site.Policy).Where(a => a.DirectMarketing))
        {
            var name = activity.Name.In(text.Language);
            var current = preferences.GetValueOrDefault(activity.Id);
            body.Append(Select(page, "channel_" + activity.Id, text.Format("Prefs.Channel", name), Channels, current.Channel ?? "email", "Channel."))
                .Append(Select(page, "frequency_" + activity.Id, text.Format("Prefs.Frequency", name), Frequencies, current.Frequency ?? "as_it_happens", "Frequency."));
        }

        body.Append("</fieldset>\n<button type=\"submit\">").Append(Encode(text["Prefs.Save"])).Append("</button>\n</form>\n<form method=\"post\" action=\"/preferences/sign-out\">\n")
            .Append(page.Csrf()).Append("<button type=\"submit\">").Append(Encode(text["Prefs.SignOut"])).Append("</button>\n</form>\n");
        return page.Render(text["Prefs.Title"], body.ToString());
    }

    private static string Select(CentrePage page, string name, string label, string[] values, string current, string textPrefix)
    {
        var html = new StringBuilder("<div class=\"field\">\n<label for=\"").Append(Encode(name)).Append("\">").Append(Encode(label)).Append("</label>\n<select id=\"")
            .Append(Encode(name)).Append("\" name=\"").Append(Encode(name)).Append("\">\n");
        foreach (var value in values)
        {
            html.Append("<option value=\"").Append(value).Append('"').Append(value == current ? " selected" : "").Append('>').Append(Encode(page.Text[textPrefix + value])).Append("</option>\n");
        }

        return html.Append("</select>\n</div>\n").ToString();
    }

    /// <summary>The latest preference per topic (the activity): its channel and frequency.</summary>
    private static async Task<Dictionary<string, (string? Channel, string? Frequency)>> CurrentPreferencesAsync(PledgeSite site, Consent.SubjectIdentifier subject, CancellationToken cancellationToken)
    {
        var found = await site.Store.ReadAsync((s, c) => SubjectDirectory.FindAsync(s, subject, null, c), cancellationToken);
        var result = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
        if (found is null)
        {
            return result;
        }

        var rows = await site.Store.ReadAsync((s, c) => ConsentProjection.LoadAsync(s, [found.SubjectId], c), cancellationToken);
        foreach (var row in rows.Where(r => r.Facet == StateFacet.Preference).OrderBy(r => r.Seq))
        {
            var slash = row.Scope.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0)
            {
                result[row.Scope[(slash + 1)..]] = (row.Scope[..slash], row.Value);
            }
        }

        return result;
    }

    private static async Task<IResult> SaveAsync(IFormCollection form, HttpContext context, PledgeSite site, TimeProvider time, CancellationToken cancellationToken)
    {
        var page = new CentrePage(context, site);
        if (SessionSubject(context) is not { } subject)
        {
            page.Error("email", page.Text["Verify.Expired"]);
            return EmailForm(page, null);
        }

        var now = time.GetUtcNow();
        var chosen = form["consent"].Select(v => v ?? "").ToHashSet(StringComparer.Ordinal);
        var activities = ConsentActivities(site.Policy).ToList();
        if (chosen.Any(c => activities.All(a => a.Id != c)))
        {
            return Security.Problems.Invalid("consent", "only the policy's consent-based activities can be chosen");
        }

        var events = new List<LedgerEvent>();
        var batch = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        Evidence Evidence(string what) => new(now, site.Version, EvidenceChannel.WebForm, "privacy-centre", "centre:" + batch + ":" + what);
        foreach (var activity in activities)
        {
            var allowed = (await site.Decisions.DecideAsync(subject, activity.Id, now, cancellationToken)).Allowed;
            var wanted = chosen.Contains(activity.Id);
            if (allowed != wanted)
            {
                events.Add(new LedgerEvent(subject, wanted ? LedgerEventKind.ConsentGiven : LedgerEventKind.ConsentWithdrawn, activity.Id, Evidence(activity.Id)));
            }
        }

        var current = await CurrentPreferencesAsync(site, subject, cancellationToken);
        foreach (var activity in activities.Where(a => a.DirectMarketing))
        {
            var channel = form["channel_" + activity.Id].ToString();
            var frequency = form["frequency_" + activity.Id].ToString();
            if (channel.Length == 0 && frequency.Length == 0)
            {
                continue;
            }

            if (!Channels.Contains(channel) || !Frequencies.Contains(frequency))
            {
                return Security.Problems.Invalid("preference", "channel is one of " + string.Join(", ", Channels) + "; frequency one of " + string.Join(", ", Frequencies));
            }

            if (current.GetValueOrDefault(activity.Id) != (channel, frequency))
            {
                events.Add(new LedgerEvent(subject, LedgerEventKind.PreferenceSet, null, Evidence("pref:" + activity.Id), new Preference(channel, activity.Id, frequency)));
            }
        }

        if (events.Count > 0)
        {
            var results = await site.Ledger.AppendManyAsync(events, cancellationToken);
            if (results.FirstOrDefault(r => !r.Accepted).Error is { } error)
            {
                return Security.Problems.Ledger(error);
            }
        }

        return Results.Redirect("/preferences?saved=1&" + page.Lang, permanent: false, preserveMethod: false);
    }
}
