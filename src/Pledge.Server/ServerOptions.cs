using System.ComponentModel.DataAnnotations;

namespace Pledge.Server;

/// <summary>
/// How the server is configured: the <c>Pledge</c> section of appsettings, or environment variables such as
/// <c>Pledge__Store</c>. Validated at start; a bad value stops the server with a message naming the setting.
/// </summary>
public sealed class ServerOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Pledge";

    /// <summary>The policy file to serve.</summary>
    [Required(ErrorMessage = "Pledge:Policy is required: the path of the policy file to serve")]
    public string Policy { get; set; } = "";

    /// <summary>The own store: <c>sqlite:PATH</c> or <c>postgres:Host=...;Database=...</c>.</summary>
    [Required(ErrorMessage = "Pledge:Store is required: sqlite:PATH or postgres:Host=...;Database=...")]
    public string Store { get; set; } = "";

    /// <summary>The pseudonym key (base64, ≥ 32 bytes); see <c>PLEDGE_PSEUDONYM_KEY</c>.</summary>
    public string? PseudonymKey { get; set; }

    /// <summary>With no <see cref="PseudonymKey"/>, use (and create) this local key file: for trying Pledge out.</summary>
    public string? LocalKeyFile { get; set; }

    /// <summary>
    /// A folder for the keys that protect antiforgery tokens; share it (or its volume) between instances behind one
    /// address. Default: the user profile's, which suits one instance.
    /// </summary>
    public string? DataProtectionKeys { get; set; }

    /// <summary>Requests per minute one client address may make to the public endpoints.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Pledge:PublicRequestsPerMinute must be between 1 and 1000000")]
    public int PublicRequestsPerMinute { get; set; } = 120;

    /// <summary>Most subjects one batch decision may name.</summary>
    [Range(1, 100_000, ErrorMessage = "Pledge:MaxBatch must be between 1 and 100000")]
    public int MaxBatch { get; set; } = 1000;

    /// <summary>
    /// Connection strings of the data map's systems, by the environment variable each system names
    /// (<c>Pledge:Connections:PLEDGE_APP_DB</c>, or <c>Pledge__Connections__PLEDGE_APP_DB</c> in the environment).
    /// A system not listed here is opened from its environment variable itself.
    /// </summary>
    public Dictionary<string, string> Connections { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How e-mail (one-time codes, notifications) leaves the server.</summary>
    public MailOptions Mail { get; set; } = new();

    /// <summary>
    /// The privacy centre's public address (<c>https://privacy.example.com</c>), used in links sent by e-mail and in
    /// unsubscribe links. Unset: the address a request came in on, which suits the demo, not a server behind a proxy.
    /// </summary>
    [Url(ErrorMessage = "Pledge:PublicUrl must be an absolute http(s) URL")]
    public string? PublicUrl { get; set; }

    /// <summary>Data Rights Protocol: the business id and the authorised agents' keys (<c>Pledge:Drp</c>).</summary>
    public Drp.DrpOptions Drp { get; set; } = new();

    /// <summary>The decision API's cache of subjects' states (<c>Pledge:Decisions</c>).</summary>
    public Api.DecisionOptions Decisions { get; set; } = new();

    /// <summary>Background work: retention on schedule, deadline reminders, the e-mail outbox (docs/server.md).</summary>
    public Jobs.JobsOptions Jobs { get; set; } = new();

    /// <summary>The admin console: sign-in limits, lockout, how long export zips are kept.</summary>
    public Admin.AdminOptions Admin { get; set; } = new();

    /// <summary>Serves <c>/demo/site</c>, a sample page with blocked scripts, to watch the banner work.</summary>
    public bool DemoSite { get; set; }

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(Policy) && !File.Exists(Policy))
        {
            yield return new ValidationResult($"Pledge:Policy: no file at '{Policy}'", [nameof(Policy)]);
        }

        if (string.IsNullOrWhiteSpace(PseudonymKey) && string.IsNullOrWhiteSpace(LocalKeyFile))
        {
            yield return new ValidationResult("Pledge:PseudonymKey is required (or Pledge:LocalKeyFile for trying Pledge out)", [nameof(PseudonymKey)]);
        }

        foreach (var error in Mail.Validate().Concat(Jobs.Validate()).Concat(Decisions.Validate()))
        {
            yield return error;
        }
    }
}

/// <summary>
/// The <c>Pledge:Mail</c> section: SMTP when <see cref="SmtpHost"/> is set, else <c>.eml</c> files in <see cref="Outbox"/>.
/// The SMTP password belongs in the environment (<c>Pledge__Mail__SmtpPassword</c>), never in a file.
/// </summary>
public sealed class MailOptions
{
    /// <summary>The From address of every message; unset means the controller's e-mail address in the policy.</summary>
    public string? From { get; set; }

    /// <summary>The SMTP relay; unset means the file outbox.</summary>
    public string? SmtpHost { get; set; }

    /// <summary>The relay's port: 587 (STARTTLS) unless set; 25 sends without TLS.</summary>
    public int SmtpPort { get; set; } = 587;

    /// <summary>Whether to use STARTTLS; unset means yes unless <see cref="SmtpPort"/> is 25.</summary>
    public bool? SmtpStartTls { get; set; }

    /// <summary>The relay's user name, if it asks for one.</summary>
    public string? SmtpUser { get; set; }

    /// <summary>The relay's password: from the environment.</summary>
    public string? SmtpPassword { get; set; }

    /// <summary>The folder .eml files are written to when there is no relay.</summary>
    public string Outbox { get; set; } = "pledge-outbox";

    internal IEnumerable<ValidationResult> Validate()
    {
        if (From is not null && !Requests.FieldValidation.IsEmail(From))
        {
            yield return new ValidationResult($"Pledge:Mail:From: '{From}' is not an e-mail address", [nameof(From)]);
        }

        if (SmtpPort is < 1 or > 65535)
        {
            yield return new ValidationResult("Pledge:Mail:SmtpPort must be between 1 and 65535", [nameof(SmtpPort)]);
        }

        if (string.IsNullOrWhiteSpace(SmtpHost) && string.IsNullOrWhiteSpace(Outbox))
        {
            yield return new ValidationResult("Pledge:Mail: set SmtpHost, or Outbox for a folder of .eml files", [nameof(Outbox)]);
        }
    }

    /// <summary>The sender these options describe, sending from <see cref="From"/> or else <paramref name="defaultFrom"/>.</summary>
    public Requests.Email.EmailSender CreateSender(string defaultFrom, TimeProvider time)
    {
        var from = From ?? defaultFrom;
        return string.IsNullOrWhiteSpace(SmtpHost)
            ? new Requests.Email.FileOutboxEmailSender(from, Outbox, time)
            : new Requests.Email.SmtpEmailSender(from, SmtpHost, SmtpPort, enableSsl: SmtpStartTls ?? SmtpPort != 25,
                SmtpUser is null ? null : new System.Net.NetworkCredential(SmtpUser, SmtpPassword));
    }
}
