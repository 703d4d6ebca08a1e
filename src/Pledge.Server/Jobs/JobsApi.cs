using Pledge.Access;
using Pledge.Jobs;
using Pledge.Server.Hosting;

namespace Pledge.Server.Jobs;

/// <summary>
/// <c>GET /api/v1/admin/jobs</c> (scope <c>admin</c>): each scheduled job's next due time and last outcome, and the
/// outbox's messages that are waiting or failed — where a failure to send is seen.
/// </summary>
public static class JobsApi
{
    public static IEndpointRouteBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/admin/jobs", async (PledgeSite site, CancellationToken ct) =>
        {
            var jobs = await JobLeases.ListAsync(site.Store, ct);
            var pending = await EmailOutbox.ListAsync(site.Store, EmailOutbox.Pending, 100, ct);
            var failed = await EmailOutbox.ListAsync(site.Store, EmailOutbox.Failed, 100, ct);
            return TypedResults.Ok(new JobsReport(jobs, pending, failed));
        }).RequireAuthorization(ApiScopes.Admin).WithTags("Administration");
        return app;
    }

    /// <summary>The jobs and the outbox's unsent messages.</summary>
    public sealed record JobsReport(IReadOnlyList<JobStatus> Jobs, IReadOnlyList<OutboxEntry> Pending, IReadOnlyList<OutboxEntry> Failed);

    /// <summary>Registers the background work when <c>Pledge:Jobs:Enabled</c> (the default).</summary>
    public static IServiceCollection AddPledgeJobs(this IServiceCollection services, PledgeSite site, JobsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton(sp => new BackgroundWork(site, options, sp.GetRequiredService<ILoggerFactory>()));
        if (options.Enabled)
        {
            services.AddHostedService<ScheduledJobsService>();
            services.AddHostedService<OutboxService>();
        }

        return services;
    }
}
