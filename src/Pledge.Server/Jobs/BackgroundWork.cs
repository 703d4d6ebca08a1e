using System.Globalization;
using Pledge.Erasure;
using Pledge.Jobs;
using Pledge.Retention;
using Pledge.Server.Hosting;

namespace Pledge.Server.Jobs;

/// <summary>
/// This instance's background work over the site: the scheduled jobs (retention on the policy's schedule, deadline
/// reminders) and the outbox dispatcher, all under one owner name that identifies the instance in the store.
/// </summary>
public sealed class BackgroundWork
{
    /// <summary>The job names in <c>job_schedule</c>.</summary>
    public const string RetentionJob = "retention", RemindersJob = "deadline-reminders";

    private readonly PledgeSite _site;
    private readonly JobsOptions _options;

    public BackgroundWork(PledgeSite site, JobsOptions options, ILoggerFactory loggers, string? owner = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        _site = site;
        _options = options;
        Owner = owner ?? $"{Environment.MachineName}:{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}:{Guid.NewGuid().ToString("N")[..8]}";
        Runner = new JobRunner(site.Store, Owner, loggers.CreateLogger<JobRunner>());
        Outbox = new OutboxDispatcher(site.Store, site.Email, new OutboxOptions(options.MailMaxAttempts, TimeSpan.FromSeconds(options.MailFirstRetrySeconds),
            TimeSpan.FromSeconds(options.MailMaxRetrySeconds)), Owner, loggers.CreateLogger<OutboxDispatcher>());
        var contact = options.ReminderTo ?? site.Policy.Organisation.Dpo?.Email ?? site.Policy.Organisation.Controller.Email;
        var jobs = new List<ScheduledJob>();
        if (site.Policy.RetentionSchedule is { } retention)
        {
            jobs.Add(new ScheduledJob(RetentionJob, retention, TimeSpan.FromMinutes(options.RetentionLeaseMinutes), RunRetentionAsync));
        }

        if (contact is not null)
        {
            var reminders = new DeadlineReminders(site.Requests, contact, TimeSpan.FromDays(options.DueSoonDays));
            jobs.Add(new ScheduledJob(RemindersJob, new JobSchedule(TimeSpan.FromMinutes(options.ReminderIntervalMinutes)), TimeSpan.FromMinutes(10),
                async ct => (await reminders.RunAsync(ct).ConfigureAwait(false)).ToString(CultureInfo.InvariantCulture) + " reminders enqueued"));
        }

        Jobs = jobs;
    }

    /// <summary>The name this instance claims jobs and messages under.</summary>
    public string Owner { get; }

    /// <summary>The scheduled jobs: retention when the policy has a <c>retention_schedule</c>, reminders when there is a contact.</summary>
    public IReadOnlyList<ScheduledJob> Jobs { get; }

    public JobRunner Runner { get; }

    public OutboxDispatcher Outbox { get; }

    /// <summary>Runs every job that is due now and this instance's to run.</summary>
    public async Task<IReadOnlyList<JobRunOutcome>> RunDueJobsAsync(CancellationToken cancellationToken = default)
    {
        var outcomes = new List<JobRunOutcome>();
        foreach (var job in Jobs)
        {
            if (await Runner.RunIfDueAsync(job, cancellationToken) is { } outcome)
            {
                outcomes.Add(outcome);
            }
        }

        return outcomes;
    }

    private async Task<string> RunRetentionAsync(CancellationToken cancellationToken)
    {
        var (connectors, unavailable) = _site.OpenConnectors();
        try
        {
            var open = connectors.Select(c => c.System.Id).ToHashSet(StringComparer.Ordinal);
            var rules = RetentionPlanner.Compile(_site.Policy).Rules.Where(r => open.Contains(r.System.Id)).ToList();
            var runner = new RetentionRunner(_site.Store, connectors, new RetentionRunOptions("server:" + Owner, Key: ErasureKey.From(_site.Key)));
            var result = await runner.RunAsync(rules, cancellationToken: cancellationToken);
            return string.Create(CultureInfo.InvariantCulture, $"job {result.JobId}: {result.Rules.Sum(r => r.Affected)} rows in {result.Rules.Length} rules")
                + (result.Rules.Any(r => r.Status == RuleRunStatus.Busy) ? "; busy elsewhere: " + string.Join(", ", result.Rules.Where(r => r.Status == RuleRunStatus.Busy).Select(r => r.RuleId)) : "")
                + (unavailable.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {unavailable.Count} systems unavailable") : "");
        }
        finally
        {
            foreach (var connector in connectors)
            {
                await connector.DisposeAsync();
            }
        }
    }
}
