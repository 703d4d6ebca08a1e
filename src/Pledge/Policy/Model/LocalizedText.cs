using System.Collections.Immutable;

namespace Pledge.Policy.Model;

/// <summary>
/// Human-facing text with optional translations. In YAML either a plain string (the policy's default
/// language) or a mapping of language codes to strings: <c>{ en: Email address, de: E-Mail-Adresse }</c>.
/// </summary>
public sealed record LocalizedText(string Default, ImmutableDictionary<string, string> Translations)
{
    /// <summary>Text with no translations.</summary>
    public static LocalizedText Of(string text) => new(text, ImmutableDictionary<string, string>.Empty);

    /// <summary>The text in <paramref name="language"/> (e.g. "de" or "de-AT"), falling back to the default.</summary>
    public string In(string? language)
    {
        if (language is null || Translations.Count == 0)
        {
            return Default;
        }

        if (Translations.TryGetValue(language, out var text))
        {
            return text;
        }

        var dash = language.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && Translations.TryGetValue(language[..dash], out text) ? text : Default;
    }

    /// <summary>Value equality over the default and every translation.</summary>
    public bool Equals(LocalizedText? other) =>
        other is not null && Default == other.Default && Translations.Count == other.Translations.Count
        && Translations.All(t => other.Translations.TryGetValue(t.Key, out var v) && v == t.Value);

    /// <inheritdoc />
    public override int GetHashCode() => Default.GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Default;
}
