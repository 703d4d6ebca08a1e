using System.Text.RegularExpressions;

namespace Pledge.Tests.Support;

/// <summary>Checks shared by every translated resource file (the notice's wording, the centre's text).</summary>
internal static partial class Translations
{
    /// <summary>
    /// <paramref name="translation"/> has exactly the keys of <paramref name="english"/>, no empty text, and the same
    /// <c>{0}</c> placeholders in every text.
    /// </summary>
    public static void AssertComplete(IReadOnlyDictionary<string, string> english, IReadOnlyDictionary<string, string> translation)
    {
        Assert.NotEmpty(english);
        Assert.Empty(english.Keys.Except(translation.Keys));
        Assert.Empty(translation.Keys.Except(english.Keys));
        Assert.All(translation, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), e.Key));
        Assert.All(english, e => Assert.Equal(Placeholders(e.Value), Placeholders(translation[e.Key])));
    }

    /// <summary>
    /// The English text that the translation does not share, split at its placeholders and trimmed of punctuation,
    /// keeping the fragments <paramref name="keep"/> accepts: what must not appear on a translated page.
    /// </summary>
    public static List<string> EnglishOnlyFragments(
        IReadOnlyDictionary<string, string> english, IReadOnlyDictionary<string, string> translation, Func<string, bool> keep) =>
        [.. english.Where(e => e.Value != translation[e.Key])
            .SelectMany(e => PlaceholderPattern().Split(e.Value))
            .Select(f => f.Trim(' ', ',', '.', ':', ';', '(', ')'))
            .Where(f => keep(f) && !translation.Values.Any(d => d.Contains(f, StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal)];

    private static string[] Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
