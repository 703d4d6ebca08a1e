using System.Collections;
using System.Globalization;
using System.Resources;

namespace Pledge.Server.Centre;

/// <summary>
/// The privacy centre's own words in one language, from Resources/CentreText*.resx (English neutral, German satellite),
/// as the notice's wording is. A missing key is a bug in Pledge, so it throws.
/// </summary>
internal sealed class CentreText(string language)
{
    internal const string Resources = "Pledge.Server.Centre.Resources.CentreText";

    private static readonly ResourceManager Text = new(Resources, typeof(CentreText).Assembly);

    public CultureInfo Culture { get; } = CultureInfo.GetCultureInfo(language);

    public string Language => Culture.Name;

    public string this[string key] => Text.GetString(key, Culture) ?? throw new InvalidOperationException($"the centre has no text '{key}'");

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    /// <summary>A date as readers of this language write it: 1 September 2025 or 01.09.2025.</summary>
    public string Date(DateTimeOffset at) => at.ToString(DateFormat, Culture);

    /// <inheritdoc cref="Date(DateTimeOffset)"/>
    public string Date(DateOnly day) => day.ToString(DateFormat, Culture);

    /// <summary>A language's name in that language, as a language switch shows it: "English", "Deutsch".</summary>
    public static string NameOf(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var name = culture.NativeName;
        return name.Length == 0 ? language : culture.TextInfo.ToUpper(name[0]) + name[1..];
    }

    /// <summary>Every text of one resource file alone (no fallback): the neutral English one for the invariant culture.</summary>
    internal static IReadOnlyDictionary<string, string> Entries(CultureInfo culture) =>
        (Text.GetResourceSet(culture, createIfNotExists: true, tryParents: false) ?? throw new InvalidOperationException($"the centre has no text in '{culture.Name}'"))
        .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);

    private string DateFormat => Culture.TwoLetterISOLanguageName == "de" ? "dd.MM.yyyy" : "d MMMM yyyy";
}
