using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Pledge.Access;
using Pledge.Server.Hosting;

namespace Pledge.Server.Admin;

/// <summary>Staff sign-in and sign-out: a rate-limited form, lockout after repeated failures, an HttpOnly SameSite=Strict cookie.</summary>
internal static class SignInPages
{
    public sealed class SignInForm
    {
        public string? UserName { get; set; }

        public string? Password { get; set; }

        public string? ReturnUrl { get; set; }
    }

    public static void MapSignInPages(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin").ExcludeFromDescription();
        group.MapGet("/sign-in", (HttpContext context, string? returnUrl) => Form(context, returnUrl, null, StatusCodes.Status200OK)).AllowAnonymous();
        group.MapPost("/sign-in", SignInAsync).AllowAnonymous().RequireRateLimiting(AdminSetup.SignInLimit);
        group.MapPost("/sign-out", async (IFormCollection form, HttpContext context) =>
        {
            await context.SignOutAsync(AdminPolicies.Scheme);
            return Results.Redirect("/admin/sign-in");
        }).RequireAuthorization(AdminPolicies.Read);
    }

    private static IResult Form(HttpContext context, string? returnUrl, string? error, int status)
    {
        var page = new AdminPage(context).Heading("Sign in to the admin console").Notice(error, error: true)
            .Form("/admin/sign-in")
            .Input("userName", "User name", required: true, autocomplete: "username")
            .Input("password", "Password", type: "password", required: true, autocomplete: "current-password");
        if (LocalUrl(returnUrl) is { } back)
        {
            page.Raw("<input type=\"hidden\" name=\"returnUrl\" value=\"").Text(back).Raw("\">\n");
        }

        return page.Raw("<button type=\"submit\">Sign in</button>\n</form>\n").Render("Sign in", status);
    }

    private static async Task<IResult> SignInAsync([FromForm] SignInForm? form, HttpContext context, PledgeSite site, IOptions<ServerOptions> options, CancellationToken cancellationToken)
    {
        if (form is null || string.IsNullOrWhiteSpace(form.UserName) || string.IsNullOrEmpty(form.Password))
        {
            return Form(context, form?.ReturnUrl, "Enter your user name and password.", StatusCodes.Status400BadRequest);
        }

        var admin = options.Value.Admin;
        var result = await StaffAccounts.SignInAsync(site.Store, form.UserName, form.Password,
            new LockoutRule(admin.LockoutFailures, TimeSpan.FromMinutes(admin.LockoutMinutes)), cancellationToken);
        if (result.Account is not { } account)
        {
            var message = result.Outcome == SignInOutcome.LockedOut
                ? $"Too many failed sign-ins: the account is locked until {result.LockedUntil!.Value.ToString("HH:mm", CultureInfo.InvariantCulture)} UTC."
                : "The user name or password is wrong, or the account is disabled.";
            return Form(context, form.ReturnUrl, message, result.Outcome == SignInOutcome.LockedOut ? StatusCodes.Status429TooManyRequests : StatusCodes.Status401Unauthorized);
        }

        await context.SignInAsync(AdminPolicies.Scheme, AdminSetup.Principal(account));
        return Results.Redirect(LocalUrl(form.ReturnUrl) ?? "/admin");
    }

    /// <summary>Only a path on this site under /admin: never an open redirect.</summary>
    private static string? LocalUrl(string? url) =>
        url is not null && url.StartsWith("/admin", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : null;
}
