namespace Pledge.Server.Jobs;

/// <summary>
/// Looks at the schedule every <see cref="JobsOptions.PollSeconds"/> and runs the due jobs. Waits on the injected
/// <see cref="TimeProvider"/>, so tests drive it by advancing a fake clock.
/// </summary>
public sealed partial class ScheduledJobsService(BackgroundWork work, JobsOptions options, TimeProvider time, ILogger<ScheduledJobsService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await work.RunDueJobsAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogTickFailed(logger, e.GetType().Name);
            }

            await Pause(TimeSpan.FromSeconds(options.PollSeconds), time, stoppingToken);
        }
    }

    internal static async Task Pause(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Error, Message = "Looking for due jobs failed ({Error}); trying again at the next poll")]
    private static partial void LogTickFailed(ILogger logger, string error);
}

/// <summary>Sends the outbox's due messages every <see cref="JobsOptions.OutboxPollSeconds"/>.</summary>
public sealed partial class OutboxService(BackgroundWork work, JobsOptions options, TimeProvider time, ILogger<OutboxService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A full batch may mean more are waiting: go on at once.
                while ((await work.Outbox.DispatchDueAsync(stoppingToken)).Claimed >= 50 && !stoppingToken.IsCancellationRequested)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogTickFailed(logger, e.GetType().Name);
            }

            await ScheduledJobsService.Pause(TimeSpan.FromSeconds(options.OutboxPollSeconds), time, stoppingToken);
        }
    }

    [LoggerMessage(EventId = 5202, Level = LogLevel.Error, Message = "Dispatching the outbox failed ({Error}); trying again at the next poll")]
    private static partial void LogTickFailed(ILogger logger, string error);
}
