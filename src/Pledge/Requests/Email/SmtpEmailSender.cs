using System.Net;
using System.Net.Mail;

namespace Pledge.Requests.Email;

/// <summary>Sends through an SMTP relay with <see cref="SmtpClient"/> (STARTTLS when <paramref name="enableSsl"/>).</summary>
public sealed class SmtpEmailSender(string from, string host, int port, bool enableSsl, NetworkCredential? credential) : EmailSender(from)
{
    /// <inheritdoc />
    public override async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var client = new SmtpClient(host, port) { EnableSsl = enableSsl, Credentials = credential };
        using var mail = new MailMessage(From, message.To, message.Subject, message.Body) { BodyEncoding = System.Text.Encoding.UTF8, SubjectEncoding = System.Text.Encoding.UTF8 };
        await client.SendMailAsync(mail, cancellationToken).ConfigureAwait(false);
    }
}
