using System.Security.Claims;
using Pledge.Access;

namespace Pledge.Server.Admin;

/// <summary>The admin console's authorisation policies, by role; every /admin endpoint names one.</summary>
internal static class AdminPolicies
{
    /// <summary>The cookie scheme staff sign in with.</summary>
    public const string Scheme = "PledgeAdmin";

    /// <summary>Any signed-in staff member: read only.</summary>
    public const string Read = "admin:read";

    /// <summary>Privacy officers and admins: act on requests, run retention, download exports.</summary>
    public const string Act = "admin:act";

    /// <summary>Admins only: accounts and API keys.</summary>
    public const string Manage = "admin:manage";

    public static void Add(Microsoft.AspNetCore.Authorization.AuthorizationOptions options)
    {
        options.AddPolicy(Read, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(Roles(StaffRole.Viewer)));
        options.AddPolicy(Act, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(Roles(StaffRole.PrivacyOfficer)));
        options.AddPolicy(Manage, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().RequireRole(Roles(StaffRole.Admin)));
    }

    /// <summary>The role names at or above <paramref name="least"/>.</summary>
    private static string[] Roles(StaffRole least) => [.. Enum.GetValues<StaffRole>().Where(r => r >= least).Select(StaffAccounts.Name)];

    public static StaffRole RoleOf(ClaimsPrincipal user) => StaffAccounts.ParseRole(user.FindFirstValue(ClaimTypes.Role)) ?? StaffRole.Viewer;

    /// <summary>The audit actor of a signed-in staff member.</summary>
    public static string Actor(ClaimsPrincipal user) => "staff:" + (user.Identity?.Name ?? "unknown");
}
