using Pledge.Requests.Email;
using Pledge.Storage;

namespace Pledge.Jobs;

/// <summary>
/// The durable e-mail outbox in the own store (<c>email_outbox</c>). A message is enqueued in the transaction of the
/// change that causes it, so it exists exactly when the change does; <see cref="OutboxDispatcher"/> sends it later.
/// Enqueued means acknowledged: it stays until it is sent, or is marked failed after the retry limit.
/// </summary>
public static class EmailOutbox
{
    /// <summary>Message states.</summary>
    public const string Pending = "pending", Sent = "sent", Failed = "failed";

    /// <summary>Enqueues <paramref name="message"/> in <paramref name="transaction"/>; returns its id.</summary>
    /// <param name="reason">What caused it, e.g. <c>request.code</c>: shown in status lists, never personal data.</param>
    public static async Task<long> EnqueueAsync(StoreTransaction transaction, EmailMessage message, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(message);
        var now = StoreTime.ToMicros(transaction.Store.Time.GetUtcNow());
        using var command = transaction.Command(
            "INSERT INTO email_outbox (to_address, subject, body, reason, enqueued_at, status, next_attempt_at) " +
            "VALUES (@to, @subject, @body, @reason, @now, 'pending', @now) RETURNING id")
            .With("@to", message.To).With("@subject", message.Subject).With("@body", message.Body).With("@reason", reason).With("@now", now);
        return await command.ScalarLongAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Enqueues <paramref name="message"/> in a transaction of its own.</summary>
    public static Task<long> EnqueueAsync(OwnStore store, EmailMessage message, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.WriteAsync((tx, ct) => EnqueueAsync(tx, message, reason, ct), cancellationToken);
    }

    /// <summary>Messages in <paramref name="status"/> (all when null), newest first, at most <paramref name="limit"/>; bodies are not read.</summary>
    public static Task<IReadOnlyList<OutboxEntry>> ListAsync(OwnStore store, string? status = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReadAsync<IReadOnlyList<OutboxEntry>>(async (session, ct) =>
        {
            using var command = session.Command(
                "SELECT id, to_address, subject, reason, status, attempts, enqueued_at, next_attempt_at, sent_at, last_error FROM email_outbox " +
                (status is null ? "" : "WHERE status = @status ") + "ORDER BY id DESC LIMIT @limit")
                .With("@limit", limit);
            if (status is not null)
            {
                command.With("@status", status);
            }

            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var list = new List<OutboxEntry>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                list.Add(new OutboxEntry(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5),
                    StoreTime.FromMicros(reader.GetInt64(6)), StoreTime.FromMicros(reader.GetInt64(7)), JobLeases.Instant(reader, 8), reader.GetNullableString(9)));
            }

            return list;
        }, cancellationToken);
    }
}

/// <summary>A message in the outbox, without its body.</summary>
/// <param name="LastError">Why the last attempt failed, as the relay said it; null after success.</param>
public sealed record OutboxEntry(long Id, string To, string Subject, string Reason, string Status, int Attempts,
    DateTimeOffset Enqueued, DateTimeOffset NextAttempt, DateTimeOffset? SentAt, string? LastError);
