using Microsoft.Extensions.Logging;
using Pledge.Storage;

namespace Pledge.Jobs;

/// <summary>A recurring job: its name (the key in <c>job_schedule</c>), when it is due, and the work, which returns a summary.</summary>
/// <param name="Lease">How long the job is left to the instance that claimed it; longer than a run takes.</param>
public sealed record ScheduledJob(string Name, JobSchedule Schedule, TimeSpan Lease, Func<CancellationToken, Task<string>> Run);

/// <summary>
/// Runs scheduled jobs that are due, each only after claiming it in the own store (<see cref="JobLeases"/>), so that
/// of several instances polling the same store one runs each due slot. A failure is recorded on the job (its detail
/// in the store; only the exception type in the log) and the job is due again at its next slot. A run cancelled by
/// shutdown gives its claim back without moving the due time, so another instance (or the next start) runs it.
/// </summary>
public sealed partial class JobRunner(OwnStore store, string owner, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>The name this instance claims jobs under.</summary>
    public string Owner { get; } = owner;

    /// <summary>Runs <paramref name="job"/> if it is due and unclaimed; null when it was not this instance's to run.</summary>
    public async Task<JobRunOutcome?> RunIfDueAsync(ScheduledJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (!await JobLeases.TryClaimAsync(store, job.Name, job.Schedule, Owner, job.Lease, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        LogStarted(_logger, job.Name);
        string detail;
        bool succeeded;
        try
        {
            detail = await job.Run(cancellationToken).ConfigureAwait(false);
            succeeded = true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await JobLeases.ReleaseAsync(store, job.Name, Owner, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (Exception e)
        {
            detail = e.GetType().Name + ": " + e.Message;
            succeeded = false;
            LogFailed(_logger, job.Name, e.GetType().Name);
        }

        var kept = await JobLeases.CompleteAsync(store, job.Name, job.Schedule, Owner, succeeded, detail.Length > 2000 ? detail[..2000] : detail, CancellationToken.None).ConfigureAwait(false);
        if (succeeded)
        {
            LogFinished(_logger, job.Name);
        }

        return new JobRunOutcome(job.Name, succeeded, detail, kept);
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Job {Job} started")]
    private static partial void LogStarted(ILogger logger, string job);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Job {Job} finished")]
    private static partial void LogFinished(ILogger logger, string job);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "Job {Job} failed ({Error}); the detail is on the job, due again at its next slot")]
    private static partial void LogFailed(ILogger logger, string job, string error);
}

/// <summary>How a run ended.</summary>
/// <param name="LeaseKept">False when the claim had expired and another instance took the job meanwhile.</param>
public sealed record JobRunOutcome(string Job, bool Succeeded, string Detail, bool LeaseKept);
