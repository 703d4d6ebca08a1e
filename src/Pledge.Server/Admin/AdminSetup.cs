using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Pledge.Access;
using Pledge.Server.Hosting;

namespace Pledge.Server.Admin;

/// <summary>The admin console's services (cookie sign-in, role policies, the sign-in limit) and endpoints.</summary>
public static class AdminSetup
{
    /// <summary>The rate-limit policy of the sign-in form: per client address, per minute.</summary>
    public const string SignInLimit = "admin-sign-in";

    /// <summary>The sign-in cookie's name.</summary>
    public const string CookieName = "pledge_admin";

    /// <summary>Registers staff sign-in and the admin policies.</summary>
    public static IServiceCollection AddPledgeAdmin(this IServiceCollection services, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var admin = options.Admin;
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(admin, new ValidationContext(admin), errors, validateAllProperties: true))
        {
            throw new ServerStartException("Pledge:Admin: " + string.Join("; ", errors.Select(e => $"{string.Join(",", e.MemberNames)} {e.ErrorMessage}")));
        }

        services.AddAuthentication().AddCookie(AdminPolicies.Scheme, c =>
        {
            c.Cookie.Name = CookieName;
            c.Cookie.HttpOnly = true;
            c.Cookie.SameSite = SameSiteMode.Strict;
            c.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            c.Cookie.Path = "/";
            c.LoginPath = "/admin/sign-in";
            c.LogoutPath = "/admin/sign-out";
            c.ExpireTimeSpan = TimeSpan.FromMinutes(admin.SessionMinutes);
            c.SlidingExpiration = true;
            c.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            c.Events.OnValidatePrincipal = ValidateAsync;
        });
        services.AddAuthorization(AdminPolicies.Add);
        services.AddRateLimiter(r => r.AddPolicy(SignInLimit, context => RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = admin.SignInsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        return services;
    }

    /// <summary>Maps /admin and the admin JSON APIs.</summary>
    public static IEndpointRouteBuilder MapPledgeAdmin(this IEndpointRouteBuilder app)
    {
        app.MapSignInPages();
        var pages = app.MapGroup("/admin").ExcludeFromDescription();
        pages.MapRequestPages();
        pages.MapSubjectPages();
        pages.MapRetentionPages();
        pages.MapRecordPages();
        pages.MapAccountPages();
        app.MapRequestsApi();
        app.MapRetentionApi();
        return app;
    }

    /// <summary>
    /// A sign-in cookie stays good only while its account is enabled and unchanged (the stamp moves with the password,
    /// role and status), so disabling an account ends its sessions on every instance at their next request.
    /// </summary>
    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var site = context.HttpContext.RequestServices.GetRequiredService<PledgeSite>();
        var name = context.Principal?.Identity?.Name;
        var account = name is null ? null : await StaffAccounts.FindAsync(site.Store, name, context.HttpContext.RequestAborted);
        if (account is not { Enabled: true } || account.Stamp != context.Principal!.FindFirstValue("stamp")
            || StaffAccounts.Name(account.Role) != context.Principal!.FindFirstValue(ClaimTypes.Role))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AdminPolicies.Scheme);
        }
    }

    /// <summary>The principal a successful sign-in gets.</summary>
    internal static ClaimsPrincipal Principal(StaffAccount account) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, account.UserName), new Claim(ClaimTypes.NameIdentifier, "staff:" + account.UserName),
         new Claim(ClaimTypes.Role, StaffAccounts.Name(account.Role)), new Claim("stamp", account.Stamp)], AdminPolicies.Scheme));
}
