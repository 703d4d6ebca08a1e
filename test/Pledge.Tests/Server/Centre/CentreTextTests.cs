using System.Globalization;
using System.Text.RegularExpressions;
using Pledge.Server.Centre;

namespace Pledge.Tests.Server.Centre;

/// <summary>The centre's German text is complete: the English keys, no empty text, the same placeholders.</summary>
public sealed partial class CentreTextTests
{
    internal static IReadOnlyDictionary<string, string> English => CentreText.Entries(CultureInfo.InvariantCulture);

    internal static IReadOnlyDictionary<string, string> German => CentreText.Entries(CultureInfo.GetCultureInfo("de"));

    [Fact]
    public void Resources_German_HasExactlyTheEnglishKeysAndNoEmptyText()
    {
        Assert.NotEmpty(English);
        Assert.Empty(English.Keys.Except(German.Keys));
        Assert.Empty(German.Keys.Except(English.Keys));
        Assert.All(German, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), e.Key));
    }

    [Fact]
    public void Resources_German_UsesTheSamePlaceholders()
    {
        var german = German;

        Assert.All(English, e => Assert.Equal(Placeholders(e.Value), Placeholders(german[e.Key])));
    }

    [Theory]
    [InlineData("en", "English")]
    [InlineData("de", "Deutsch")]
    [InlineData("fr", "Français")]
    public void NameOf_Language_IsItsOwnNameCapitalised(string language, string expected) =>
        Assert.Equal(expected, CentreText.NameOf(language));

    [Theory]
    [InlineData("en", "1 September 2025")]
    [InlineData("de", "01.09.2025")]
    public void Date_DayInLanguage_AsReadersWriteIt(string language, string expected) =>
        Assert.Equal(expected, new CentreText(language).Date(new DateOnly(2025, 9, 1)));

    private static string[] Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    internal static partial Regex PlaceholderPattern();
}
