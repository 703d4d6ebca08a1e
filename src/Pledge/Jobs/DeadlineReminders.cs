using System.Globalization;
using Pledge.Requests;
using Pledge.Requests.Email;
using Pledge.Storage;

namespace Pledge.Jobs;

/// <summary>
/// Reminds the privacy contact of request deadlines: one e-mail when an open request becomes due soon (within
/// <paramref name="window"/> of its due date) and one when it is overdue, per request, state and due date. The
/// reminder row (<c>request_reminders</c>) and the outbox message are written in one transaction, and the row's
/// primary key lets only the first of several instances write it, so each reminder is enqueued once. Messages name
/// the request's number, kind, status and due date — never the subject.
/// </summary>
public sealed class DeadlineReminders(RequestDesk desk, string to, TimeSpan window)
{
    /// <summary>The states reminded of.</summary>
    public const string DueSoon = "due_soon", Overdue = "overdue";

    /// <summary>Enqueues the reminders that are due now and not yet enqueued; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var store = desk.Store;
        var now = store.Time.GetUtcNow();
        var open = await desk.ListAsync(new RequestFilter(DueWithin: window), cancellationToken).ConfigureAwait(false);
        var enqueued = 0;
        foreach (var request in open)
        {
            var state = request.IsOverdue(now) ? Overdue : DueSoon;
            var wrote = await store.WriteAsync(async (tx, ct) =>
            {
                using var claim = tx.Command(
                    "INSERT INTO request_reminders (request_id, state, due_at, enqueued_at, message_id) VALUES (@id, @state, @due, @now, NULL) " +
                    "ON CONFLICT (request_id, state, due_at) DO NOTHING")
                    .With("@id", request.Id).With("@state", state).With("@due", StoreTime.ToMicros(request.Due)).With("@now", StoreTime.ToMicros(now));
                if (await claim.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0)
                {
                    return false;
                }

                var message = await EmailOutbox.EnqueueAsync(tx, Message(request, state, now), "request.reminder", ct).ConfigureAwait(false);
                using var link = tx.Command("UPDATE request_reminders SET message_id = @m WHERE request_id = @id AND state = @state AND due_at = @due")
                    .With("@m", message).With("@id", request.Id).With("@state", state).With("@due", StoreTime.ToMicros(request.Due));
                await link.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);
            enqueued += wrote ? 1 : 0;
        }

        return enqueued;
    }

    private EmailMessage Message(DataRequest request, string state, DateTimeOffset now)
    {
        var number = request.Id.ToString(CultureInfo.InvariantCulture);
        var due = request.Due.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var kind = RequestDesk.Name(request.Kind);
        var days = Math.Abs((request.Due - now).TotalDays).ToString("0", CultureInfo.InvariantCulture);
        return state == Overdue
            ? new EmailMessage(to, $"Overdue: {kind} request {number} was due {due}",
                $"The {kind} request {number} ({RequestDesk.Name(request.Status)}) was due {due}, {days} days ago, and is still open.\n\n" +
                $"Answer it, or record why not: pledge request show {number}\n")
            : new EmailMessage(to, $"Due soon: {kind} request {number} is due {due}",
                $"The {kind} request {number} ({RequestDesk.Name(request.Status)}) is due {due}, in {days} days.\n\n" +
                $"See it with: pledge request show {number}\n");
    }
}
