using System.Globalization;
using Pledge.Requests.Email;

namespace Pledge.Requests;

public sealed partial class RequestDesk
{
    /// <summary>
    /// Art. 12(3): the subject is told of an extension and why, within the first month. Sent to the contact address
    /// once the extension is stored; without an address or a sender, staff tell the subject another way.
    /// </summary>
    private async Task NotifyExtendedAsync(DataRequest request, CancellationToken cancellationToken)
    {
        if (_email is null || request.ContactEmail is not { } to)
        {
            return;
        }

        var why = request.Extension == ExtensionReason.NumberOfRequests ? "we have received an unusually large number of requests" : "your request is complex";
        var body = $"We need more time to answer your request {Id(request)} to {_policy.Organisation.Controller.Name}, because {why}.\n\n" +
            $"We will answer by {request.Due.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} at the latest, as Article 12(3) of the GDPR allows.\n";
        await SendThroughOutboxAsync(new EmailMessage(to, $"Your request {Id(request)}: more time needed", body), "request.extended", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Art. 12(4): the subject is told, without delay, why no action is taken and that they may complain to the
    /// supervisory authority. The staff note is never sent.
    /// </summary>
    private async Task NotifyRejectedAsync(DataRequest request, CancellationToken cancellationToken)
    {
        if (_email is null || request.ContactEmail is not { } to || request.Rejection is not { } reason)
        {
            return;
        }

        var why = reason switch
        {
            RejectionReason.IdentityNotVerified => "we could not verify that you are the person the request is about",
            RejectionReason.ManifestlyUnfounded => "the request is manifestly unfounded",
            RejectionReason.Excessive => "the request is excessive, in particular because it repeats earlier requests",
            RejectionReason.WithdrawnBySubject => "you withdrew it",
            RejectionReason.Duplicate => "it repeats a request we are already answering",
            RejectionReason.LegalExemption => "an exemption in law applies",
            _ => "the right you invoked does not apply to this processing",
        };
        var authority = _policy.Organisation.Authority;
        var body = $"We will not act on your request {Id(request)} to {_policy.Organisation.Controller.Name}, because {why}.\n\n" +
            $"You may complain to the supervisory authority, {authority.Name}{(authority.Website is { } w ? " (" + w + ")" : "")}, " +
            "and seek a judicial remedy (Articles 12(4), 77 and 79 of the GDPR).\n";
        await SendThroughOutboxAsync(new EmailMessage(to, $"Your request {Id(request)}: not acted on", body), "request.rejected", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Queues <paramref name="message"/> in the own store's outbox and tries it at once; a relay failure leaves it to the
    /// outbox's retries instead of failing a transition that is already stored.
    /// </summary>
    private async Task SendThroughOutboxAsync(EmailMessage message, string reason, CancellationToken cancellationToken)
    {
        var queued = await Jobs.EmailOutbox.EnqueueAsync(_store, message, reason, cancellationToken).ConfigureAwait(false);
        await _dispatcher!.DispatchAsync(queued, cancellationToken).ConfigureAwait(false);
    }

    private static string Id(DataRequest request) => request.Id.ToString(CultureInfo.InvariantCulture);
}
