using System.Globalization;
using Pledge.Server.Centre;
using Pledge.Tests.Support;

namespace Pledge.Tests.Server.Centre;

/// <summary>The centre's German text is complete: the English keys, no empty text, the same placeholders.</summary>
public sealed class CentreTextTests
{
    internal static IReadOnlyDictionary<string, string> English => CentreText.Entries(CultureInfo.InvariantCulture);

    internal static IReadOnlyDictionary<string, string> German => CentreText.Entries(CultureInfo.GetCultureInfo("de"));

    [Fact]
    public void Resources_German_IsCompleteWithTheSamePlaceholders() => Translations.AssertComplete(English, German);

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
}
