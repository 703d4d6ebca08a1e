using System.Globalization;
using Microsoft.Extensions.Logging;
using Pledge.Requests.Email;
using Pledge.Storage;

namespace Pledge.Jobs;

/// <summary>
/// Sends the outbox's due messages through an <see cref="EmailSender"/>. Each message is first claimed under a lease
/// (<c>claimed_by</c>, <c>claimed_until</c>) in a short transaction — on PostgreSQL with <c>FOR UPDATE SKIP LOCKED</c>,
/// so instances claim disjoint messages without waiting on each other — then sent outside any transaction, then
/// marked sent only by its claimant. A failed attempt is retried after <see cref="OutboxOptions.FirstRetry"/>, doubling
/// each time up to <see cref="OutboxOptions.MaxRetry"/>; after <see cref="OutboxOptions.MaxAttempts"/> it is marked
/// failed with the relay's last answer. An instance that dies between the relay's acceptance and the mark leaves the
/// message to be sent again once its claim expires: at least once, never twice by two live instances.
/// </summary>
public sealed partial class OutboxDispatcher(OwnStore store, EmailSender sender, OutboxOptions options, string owner, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>Sends the messages due now, up to <see cref="OutboxOptions.BatchSize"/>; returns what happened.</summary>
    public async Task<OutboxRun> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var claimed = await ClaimAsync(null, cancellationToken).ConfigureAwait(false);
        return await SendAllAsync(claimed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends message <paramref name="id"/> now if it is due and unclaimed (right after enqueueing it).</summary>
    public async Task<OutboxRun> DispatchAsync(long id, CancellationToken cancellationToken = default)
    {
        var claimed = await ClaimAsync(id, cancellationToken).ConfigureAwait(false);
        return await SendAllAsync(claimed, cancellationToken).ConfigureAwait(false);
    }

    private async Task<OutboxRun> SendAllAsync(IReadOnlyList<(long Id, int Attempts, EmailMessage Message)> claimed, CancellationToken cancellationToken)
    {
        int sent = 0, retried = 0, failed = 0;
        foreach (var (id, attempts, message) in claimed)
        {
            string? error = null;
            try
            {
                await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                error = e.GetType().Name + ": " + e.Message;
            }

            if (error is null)
            {
                await MarkSentAsync(id, cancellationToken).ConfigureAwait(false);
                LogSent(_logger, id, attempts + 1);
                sent++;
            }
            else if (await MarkFailedAttemptAsync(id, attempts + 1, error, cancellationToken).ConfigureAwait(false))
            {
                LogGaveUp(_logger, id, attempts + 1);
                failed++;
            }
            else
            {
                LogRetry(_logger, id, attempts + 1);
                retried++;
            }
        }

        return new OutboxRun(claimed.Count, sent, retried, failed);
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: doubling from the first retry, capped.</summary>
    public TimeSpan Backoff(int attempt)
    {
        var ticks = options.FirstRetry.Ticks * Math.Pow(2, Math.Min(attempt - 1, 30));
        return ticks >= options.MaxRetry.Ticks ? options.MaxRetry : TimeSpan.FromTicks((long)ticks);
    }

    private Task<List<(long, int, EmailMessage)>> ClaimAsync(long? id, CancellationToken cancellationToken)
    {
        var now = StoreTime.ToMicros(store.Time.GetUtcNow());
        return store.WriteAsync(async (tx, ct) =>
        {
            var skipLocked = tx.Kind == StoreKind.Postgres ? " FOR UPDATE SKIP LOCKED" : "";
            var which = id is null ? "" : " AND id = @id";
            using var command = tx.Command(
                "UPDATE email_outbox SET claimed_by = @owner, claimed_until = @until WHERE id IN (" +
                "SELECT id FROM email_outbox WHERE status = 'pending' AND next_attempt_at <= @now " +
                $"AND (claimed_until IS NULL OR claimed_until < @now){which} ORDER BY id LIMIT @limit{skipLocked}) " +
                "RETURNING id, attempts, to_address, subject, body")
                .With("@owner", owner).With("@until", now + JobLeases.ToMicros(options.ClaimLease)).With("@now", now).With("@limit", options.BatchSize);
            if (id is not null)
            {
                command.With("@id", id.Value);
            }

            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var list = new List<(long, int, EmailMessage)>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                list.Add((reader.GetInt64(0), reader.GetInt32(1), new EmailMessage(reader.GetString(2), reader.GetString(3), reader.GetNullableString(4) ?? "")));
            }

            list.Sort((a, b) => a.Item1.CompareTo(b.Item1));
            return list;
        }, cancellationToken);
    }

    private Task MarkSentAsync(long id, CancellationToken cancellationToken) =>
        store.WriteAsync(async (tx, ct) =>
        {
            // The body is cleared: it may hold a one-time code, which the store otherwise keeps only as an HMAC.
            using var command = tx.Command(
                "UPDATE email_outbox SET status = 'sent', sent_at = @now, attempts = attempts + 1, body = NULL, last_error = NULL, " +
                "claimed_by = NULL, claimed_until = NULL WHERE id = @id AND claimed_by = @owner")
                .With("@id", id).With("@owner", owner).With("@now", StoreTime.ToMicros(store.Time.GetUtcNow()));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, CancellationToken.None);

    /// <summary>Counts a failed attempt and schedules the next; true when that was the last one allowed.</summary>
    private async Task<bool> MarkFailedAttemptAsync(long id, int attempt, string error, CancellationToken cancellationToken)
    {
        var givingUp = attempt >= options.MaxAttempts;
        var now = store.Time.GetUtcNow();
        await store.WriteAsync(async (tx, ct) =>
        {
            using var command = tx.Command(
                "UPDATE email_outbox SET status = @status, attempts = @attempt, next_attempt_at = @next, last_error = @error, " +
                "claimed_by = NULL, claimed_until = NULL WHERE id = @id AND claimed_by = @owner")
                .With("@id", id).With("@owner", owner).With("@status", givingUp ? EmailOutbox.Failed : EmailOutbox.Pending).With("@attempt", attempt)
                .With("@next", StoreTime.ToMicros(now + Backoff(attempt))).With("@error", error.Length > 1000 ? error[..1000] : error);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, CancellationToken.None).ConfigureAwait(false);
        return givingUp;
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Outbox message {Id} sent (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, long id, int attempt);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Outbox message {Id} failed on attempt {Attempt}; it will be retried")]
    private static partial void LogRetry(ILogger logger, long id, int attempt);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Error, Message = "Outbox message {Id} failed on attempt {Attempt}, the last allowed; marked failed")]
    private static partial void LogGaveUp(ILogger logger, long id, int attempt);
}

/// <summary>How the outbox retries.</summary>
/// <param name="MaxAttempts">Attempts before a message is marked failed (default 8).</param>
/// <param name="FirstRetry">Wait after the first failure (default 30 seconds); doubles after each further one.</param>
/// <param name="MaxRetry">Longest wait between attempts (default 1 hour).</param>
/// <param name="ClaimLease">How long a claimed message is left to its claimant (default 5 minutes): longer than a send takes.</param>
/// <param name="BatchSize">Most messages one dispatch claims (default 50).</param>
public sealed record OutboxOptions(int MaxAttempts = 8, TimeSpan FirstRetry = default, TimeSpan MaxRetry = default, TimeSpan ClaimLease = default, int BatchSize = 50)
{
    public TimeSpan FirstRetry { get; init; } = FirstRetry == default ? TimeSpan.FromSeconds(30) : FirstRetry;

    public TimeSpan MaxRetry { get; init; } = MaxRetry == default ? TimeSpan.FromHours(1) : MaxRetry;

    public TimeSpan ClaimLease { get; init; } = ClaimLease == default ? TimeSpan.FromMinutes(5) : ClaimLease;
}

/// <summary>What one dispatch did.</summary>
public sealed record OutboxRun(int Claimed, int Sent, int Retried, int Failed)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Claimed} claimed, {Sent} sent, {Retried} to retry, {Failed} failed");
}
