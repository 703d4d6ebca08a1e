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

    /// <summary>A date as readers of this language write it: 2025-09-01 or 01.09.2025.</summary>
    public string Date(DateTimeOffset at) => at.ToString(Culture.TwoLetterISOLanguageName == "de" ? "dd.MM.yyyy" : "d MMMM yyyy", Culture);
}
