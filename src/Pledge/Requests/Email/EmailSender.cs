namespace Pledge.Requests.Email;

/// <summary>
/// Sends the e-mails of the request process (one-time codes). The seam between the engine and mail delivery:
/// <see cref="SmtpEmailSender"/> for a relay, <see cref="FileOutboxEmailSender"/> to write .eml files locally.
/// Implementations throw on a delivery failure; the engine reports it without losing the request.
/// </summary>
public abstract class EmailSender
{
    /// <summary>The sender address.</summary>
    protected EmailSender(string from)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(from);
        From = from;
    }

    /// <summary>The From address.</summary>
    public string From { get; }

    /// <summary>Sends <paramref name="message"/>.</summary>
    public abstract Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default);
}
