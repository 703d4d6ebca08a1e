using System.Globalization;
using System.Text;

namespace Pledge.Requests.Email;

/// <summary>
/// Writes each message as an RFC 5322 <c>.eml</c> file into a folder instead of sending it: for local use and tests.
/// Files are named <c>yyyyMMddTHHmmssfff-nnnnnn.eml</c> by the injected clock, written whole and then moved into place.
/// </summary>
public sealed class FileOutboxEmailSender(string from, string folder, TimeProvider time) : EmailSender(from)
{
    private int _count;

    /// <summary>The outbox folder.</summary>
    public string Folder { get; } = folder;

    /// <inheritdoc />
    public override async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        Directory.CreateDirectory(Folder);
        var now = time.GetUtcNow();
        var name = now.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture) + "-" + Interlocked.Increment(ref _count).ToString("D6", CultureInfo.InvariantCulture) + ".eml";
        var text = new StringBuilder()
            .Append("From: ").Append(Header(From)).Append("\r\n")
            .Append("To: ").Append(Header(message.To)).Append("\r\n")
            .Append("Subject: =?utf-8?B?").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(message.Subject))).Append("?=\r\n")
            .Append("Date: ").Append(now.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n")
            .Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n")
            .Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(message.Body), Base64FormattingOptions.InsertLineBreaks)).Append("\r\n")
            .ToString();
        var path = Path.Combine(Folder, name);
        await File.WriteAllTextAsync(path + ".tmp", text, cancellationToken).ConfigureAwait(false);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>An address with line breaks removed, so a value cannot add headers.</summary>
    private static string Header(string value) => value.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);
}
