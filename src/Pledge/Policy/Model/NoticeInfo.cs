using System.Collections.Immutable;

namespace Pledge.Policy.Model;

/// <summary>Metadata of the privacy notice: version, dates, languages, how changes are communicated.</summary>
/// <param name="Languages">Languages the notice is published in; the first is the policy's default language.</param>
public sealed record NoticeInfo(
    string Version,
    DateOnly Effective,
    ImmutableArray<string> Languages,
    string? Url,
    ChangeNotification Changes,
    ImmutableArray<NoticeVersion> History)
{
    /// <summary>The default language of the policy's text.</summary>
    public string DefaultLanguage => Languages.IsDefaultOrEmpty ? "en" : Languages[0];
}

/// <summary>How changes to the notice reach subjects (Art. 13(3)).</summary>
/// <param name="Posted">Changes are posted on the notice page.</param>
/// <param name="EmailWhenMaterial">Material changes are also notified by e-mail.</param>
public sealed record ChangeNotification(bool Posted, bool EmailWhenMaterial, LocalizedText? Text);

/// <summary>One entry of the notice's change log.</summary>
public sealed record NoticeVersion(string Version, DateOnly Date, LocalizedText Summary, bool Material);
