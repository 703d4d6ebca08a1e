using System.Data.Common;
using System.Globalization;
using Pledge.Erasure;
using Pledge.Retention;
using Pledge.Server.Hosting;

namespace Pledge.Server.Admin;

/// <summary>Retention: the plan (rows per rule, rows held), past runs, and "run now" for privacy officers.</summary>
internal static class RetentionPages
{
    public static void MapRetentionPages(this RouteGroupBuilder admin)
    {
        admin.MapGet("/retention", (HttpContext context, PledgeSite site, CancellationToken cancellationToken) => PageAsync(context, site, null, false, cancellationToken))
            .RequireAuthorization(AdminPolicies.Read);
        admin.MapPost("/retention/run", RunAsync).RequireAuthorization(AdminPolicies.Act);
    }

    /// <summary>The plan of every rule whose system opened, and why the others are left out.</summary>
    public static async Task<(IReadOnlyList<RulePlan> Plan, IReadOnlyList<string> Skipped)> PlanAsync(PledgeSite site, CancellationToken cancellationToken)
    {
        await using var scope = site.OpenRunner();
        var compilation = RetentionPlanner.Compile(site.Policy);
        var open = compilation.Rules.Where(r => scope.Connectors.Any(c => c.System.Id == r.System.Id)).ToList();
        var skipped = compilation.Skipped.Select(s => $"{s.RuleId}: {s.Reason}")
            .Concat(compilation.Rules.Except(open).Select(r => $"{r.Id}: the system {r.System.Id} could not be opened")).ToList();
        var plan = await RetentionPlan.PlanAsync(site.Store, scope.Connectors, open, site.Store.Time.GetUtcNow(), cancellationToken: cancellationToken);
        return (plan, skipped);
    }

    private static async Task<IResult> PageAsync(HttpContext context, PledgeSite site, string? message, bool error, CancellationToken cancellationToken, int status = 200)
    {
        var page = new AdminPage(context).Heading("Retention").Notice(message, error);
        try
        {
            var (plan, skipped) = await PlanAsync(site, cancellationToken);
            page.Table("The plan: rows past their retention period now", ["Rule", "Table", "Action", "Cut-off", "Rows", "Oldest anchor", "Held by legal holds"],
                plan.Select(p => (IReadOnlyList<string>)[p.RuleId, $"{p.System}.{p.Table}", p.Action.ToString().ToLowerInvariant(), AdminPage.Date(p.Cutoff),
                    p.Rows.ToString("N0", CultureInfo.InvariantCulture), p.OldestAnchor ?? "-", p.Held.ToString("N0", CultureInfo.InvariantCulture)]));
            if (skipped.Count > 0)
            {
                page.Heading("Rules not planned", 2).Raw("<ul>\n").Raw(string.Concat(skipped.Select(s => "<li>" + Pages.Html.Encode(s) + "</li>\n"))).Raw("</ul>\n");
            }
        }
        catch (DbException e)
        {
            page.Notice("The plan could not be read: database error " + e.GetType().Name, error: true);
        }

        if (AdminPolicies.RoleOf(context.User) >= Access.StaffRole.PrivacyOfficer)
        {
            page.Form("/admin/retention/run").Raw("<button type=\"submit\">Run retention now</button>\n</form>\n");
        }

        var runs = await RetentionRuns.ListAsync(site.Store, 50, cancellationToken);
        page.Table("Past runs, newest first", ["Job", "Started", "Finished", "Status", "By", "Rows acted on", "Rules"],
            runs.Select(r => (IReadOnlyList<string>)[r.JobId, AdminPage.Date(r.StartedAt), AdminPage.Date(r.FinishedAt), r.Status, r.StartedBy,
                r.Rules.Sum(x => x.Affected).ToString("N0", CultureInfo.InvariantCulture),
                string.Join("; ", r.Rules.Select(x => $"{x.RuleId} {x.Affected.ToString(CultureInfo.InvariantCulture)} ({x.Status})"))]));
        return page.Render("Retention", status);
    }

    private static async Task<IResult> RunAsync(IFormCollection form, HttpContext context, PledgeSite site, CancellationToken cancellationToken)
    {
        await using var scope = site.OpenRunner();
        var compilation = RetentionPlanner.Compile(site.Policy);
        var rules = compilation.Rules.Where(r => scope.Connectors.Any(c => c.System.Id == r.System.Id)).ToList();
        try
        {
            var runner = new RetentionRunner(site.Store, scope.Connectors, new RetentionRunOptions(AdminPolicies.Actor(context.User), Key: ErasureKey.From(site.Key)));
            var result = await runner.RunAsync(rules, cancellationToken: cancellationToken);
            var busy = result.Rules.Where(r => r.Status == RuleRunStatus.Busy).Select(r => r.RuleId).ToList();
            var message = $"Run {result.JobId}{(result.Resumed ? " (resumed)" : "")}: {result.Rules.Sum(r => r.Affected).ToString("N0", CultureInfo.InvariantCulture)} rows in {result.Rules.Length} rules"
                + (busy.Count > 0 ? "; left to another instance: " + string.Join(", ", busy) : "")
                + (scope.Unavailable.Count > 0 ? "; not run, system not opened: " + string.Join("; ", scope.Unavailable) : "") + ".";
            return await PageAsync(context, site, message, scope.Unavailable.Count > 0, cancellationToken);
        }
        catch (DbException e)
        {
            return await PageAsync(context, site, "The run stopped on a database error (" + e.GetType().Name + "); run again to resume.", true, cancellationToken,
                StatusCodes.Status503ServiceUnavailable);
        }
    }
}
