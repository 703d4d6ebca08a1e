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
    }
}
