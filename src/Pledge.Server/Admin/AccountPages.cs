using Microsoft.AspNetCore.Mvc;
using Pledge.Access;
using Pledge.Server.Hosting;

namespace Pledge.Server.Admin;

/// <summary>Accounts and API keys, for admins: add and disable staff accounts, create and revoke keys.</summary>
internal static class AccountPages
{
    public sealed class AccountForm
    {
        public string? UserName { get; set; }

        public string? Password { get; set; }

        public string? Role { get; set; }
    }

    public sealed class KeyForm
    {
        public string? Name { get; set; }

        public string[]? Scope { get; set; }
    }

    public static void MapAccountPages(this RouteGroupBuilder admin)
    {
        admin.MapGet("/accounts", (HttpContext context, PledgeSite site, CancellationToken cancellationToken) => PageAsync(context, site, null, false, cancellationToken))
            .RequireAuthorization(AdminPolicies.Manage);
        admin.MapPost("/accounts", AddAsync).RequireAuthorization(AdminPolicies.Manage);
        admin.MapPost("/accounts/{userName}/disable", DisableAsync).RequireAuthorization(AdminPolicies.Manage);
        admin.MapPost("/api-keys", CreateKeyAsync).RequireAuthorization(AdminPolicies.Manage);
        admin.MapPost("/api-keys/{id}/revoke", RevokeKeyAsync).RequireAuthorization(AdminPolicies.Manage);
    }

    private static async Task<IResult> PageAsync(HttpContext context, PledgeSite site, string? message, bool error, CancellationToken cancellationToken, int status = 200)
    {
        var page = new AdminPage(context).Heading("Accounts and API keys").Notice(message, error);
        var accounts = await StaffAccounts.ListAsync(site.Store, cancellationToken);
        page.Heading("Staff accounts", 2);
        page.Raw("<table>\n<caption>Accounts</caption>\n<thead><tr><th scope=\"col\">User</th><th scope=\"col\">Role</th><th scope=\"col\">Created</th><th scope=\"col\">Status</th><th scope=\"col\">Action</th></tr></thead>\n<tbody>\n");
        foreach (var account in accounts)
        {
            page.Raw("<tr><td>").Text(account.UserName).Raw("</td><td>").Text(StaffAccounts.Name(account.Role)).Raw("</td><td>").Text(AdminPage.Date(account.CreatedAt))
                .Raw("</td><td>").Text(account.Enabled ? account.LockedUntil > site.Store.Time.GetUtcNow() ? "locked" : "active" : "disabled").Raw("</td><td>");
            if (account.Enabled)
            {
                page.Button($"/admin/accounts/{Uri.EscapeDataString(account.UserName)}/disable", "Disable " + account.UserName);
            }

            page.Raw("</td></tr>\n");
        }

        page.Raw("</tbody>\n</table>\n");
        page.Form("/admin/accounts").Raw("<fieldset><legend>Add an account</legend>\n")
            .Input("userName", "User name", required: true, autocomplete: "off")
            .Input("password", $"Password (at least {StaffPasswords.MinLength} characters)", type: "password", required: true, autocomplete: "new-password")
            .Select("role", "Role", StaffAccounts.RoleNames.Select(r => (r, r.Replace('_', ' '))))
            .Raw("<button type=\"submit\">Add account</button>\n</fieldset>\n</form>\n");

        var keys = await ApiKeys.ListAsync(site.Store, cancellationToken);
        page.Heading("API keys", 2);
        page.Raw("<table>\n<caption>API keys</caption>\n<thead><tr><th scope=\"col\">Id</th><th scope=\"col\">Name</th><th scope=\"col\">Scopes</th><th scope=\"col\">Created</th><th scope=\"col\">Action</th></tr></thead>\n<tbody>\n");
        foreach (var key in keys)
        {
            page.Raw("<tr><td>").Text(key.Id).Raw("</td><td>").Text(key.Name).Raw("</td><td>").Text(string.Join(' ', key.Scopes)).Raw("</td><td>").Text(AdminPage.Date(key.CreatedAt)).Raw("</td><td>");
            if (key.RevokedAt is null)
            {
                page.Button($"/admin/api-keys/{Uri.EscapeDataString(key.Id)}/revoke", "Revoke " + key.Id);
            }
            else
            {
                page.Text("revoked " + AdminPage.Date(key.RevokedAt));
            }

            page.Raw("</td></tr>\n");
        }

        page.Raw("</tbody>\n</table>\n");
        page.Form("/admin/api-keys").Raw("<fieldset><legend>Create an API key</legend>\n").Input("name", "Who uses it", required: true)
            .Raw("<fieldset><legend>Scopes</legend>\n")
            .Raw(string.Concat(ApiScopes.All.Select(s => $"<label><input type=\"checkbox\" name=\"scope\" value=\"{s}\"> {s}</label>\n")))
            .Raw("</fieldset>\n<button type=\"submit\">Create key</button>\n</fieldset>\n</form>\n");
        return page.Render("Accounts", status);
    }

    private static async Task<IResult> AddAsync([FromForm] AccountForm? form, HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        if (StaffAccounts.ParseRole(form?.Role) is not { } role)
        {
            return await PageAsync(context, site, "Choose a role: " + string.Join(", ", StaffAccounts.RoleNames), true, cancellationToken, StatusCodes.Status400BadRequest);
        }

        var error = await StaffAccounts.AddAsync(site.Store, form!.UserName ?? "", form.Password ?? "", role, AdminPolicies.Actor(context.User), cancellationToken);
        return await PageAsync(context, site, error is null ? $"Added {form.UserName!.ToLowerInvariant()} ({StaffAccounts.Name(role)})." : "Not added: " + error, error is not null,
            cancellationToken, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> DisableAsync(string userName, IFormCollection form, HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        var done = await StaffAccounts.DisableAsync(site.Store, userName, AdminPolicies.Actor(context.User), cancellationToken);
        return await PageAsync(context, site, done ? $"Disabled {userName}." : $"No enabled account '{userName}'.", !done, cancellationToken,
            done ? StatusCodes.Status200OK : StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateKeyAsync([FromForm] KeyForm? form, HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        if (form is null || string.IsNullOrWhiteSpace(form.Name) || form.Name.Length > 100 || form.Scope is not { Length: > 0 } scopes || scopes.Any(s => !ApiScopes.All.Contains(s)))
        {
            return await PageAsync(context, site, "Give a name of 1 to 100 characters and at least one scope.", true, cancellationToken, StatusCodes.Status400BadRequest);
        }

        var created = await ApiKeys.CreateAsync(site.Store, form.Name, scopes, AdminPolicies.Actor(context.User), cancellationToken);
        return await PageAsync(context, site, $"Created key {created.Info.Id}. Its token, shown only now: {created.Token}", false, cancellationToken);
    }

    private static async Task<IResult> RevokeKeyAsync(string id, IFormCollection form, HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        var done = await ApiKeys.RevokeAsync(site.Store, id, AdminPolicies.Actor(context.User), cancellationToken);
        return await PageAsync(context, site, done ? $"Revoked key {id}." : $"No active key '{id}'.", !done, cancellationToken, done ? StatusCodes.Status200OK : StatusCodes.Status404NotFound);
    }
}
