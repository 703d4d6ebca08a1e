using System.Globalization;
using System.Text.RegularExpressions;
using Pledge.Notices;
using Pledge.Policy.Model;

namespace Pledge.Tests.Notices;

/// <summary>The German wording is complete and a German notice carries no English fixed wording.</summary>
public sealed partial class NoticeWordingTests
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Resources_German_HasExactlyTheEnglishKeysAndNoEmptyText(bool countries)
    {
        var en = NoticeWording.Entries(English, countries);
        var de = NoticeWording.Entries(German, countries);

        Assert.NotEmpty(en);
        Assert.Empty(en.Keys.Except(de.Keys));
        Assert.Empty(de.Keys.Except(en.Keys));
        Assert.All(de, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), e.Key));
    }

    [Fact]
    public void Resources_German_UsesTheSamePlaceholders()
    {
        var en = NoticeWording.Entries(English);
        var de = NoticeWording.Entries(German);

        Assert.All(en, e => Assert.Equal(Placeholders(e.Value), Placeholders(de[e.Key])));
    }

    [Fact]
    public void Resources_EveryEnumValueAndKind_HasWording()
    {
        var en = NoticeWording.Entries(English);
        var keys = Values<LawfulBasis>().Concat(Values<Article9Condition>()).Concat(Values<ProvisionRequirement>()).Concat(Values<TransferSafeguard>())
            .Concat(Values<ProcessorRole>()).Concat(Values<CookieParty>()).Concat(Values<RetentionAction>()).Concat(Values<SubjectRight>())
            .Concat(Values<VerificationMethod>())
            .Concat(Enum.GetValues<SubjectRight>().Where(r => r != SubjectRight.Complaint).Select(r => $"SubjectRight.{r}.Text"))
            .Concat(new[] { "email", "web", "post", "phone", "in_app" }.Select(k => "Channel." + k))
            .Concat(new[] { "internal", "processor", "third_party", "authority", "public" }.Select(k => "RecipientKind." + k));

        Assert.All(keys, key => Assert.True(en.ContainsKey(key), $"no wording '{key}'"));
    }

    [Theory]
    [InlineData(NoticeFormat.Html)]
    [InlineData(NoticeFormat.Markdown)]
    public void Render_German_NoEnglishFixedWordingLeaks(NoticeFormat format)
    {
        var en = NoticeWording.Entries(English);
        var de = NoticeWording.Entries(German);
        var german = NoticePolicies.Render(NoticePolicies.TestData, format, "de").Text;

        // Every run of English wording of three words or more that the German wording does not share.
        var fragments = en.Where(e => e.Value != de[e.Key])
            .SelectMany(e => PlaceholderPattern().Split(e.Value))
            .Select(f => f.Trim(' ', ',', '.', ':', ';', '(', ')'))
            .Where(f => f.Split(' ').Length >= 3 && !de.Values.Any(d => d.Contains(f, StringComparison.Ordinal)))
            .Distinct()
            .ToList();

        Assert.NotEmpty(fragments);
        Assert.All(fragments, f => Assert.DoesNotContain(f, german, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("en", 0, 13, 0, "13 months")]
    [InlineData("de", 0, 13, 0, "13 Monate")]
    [InlineData("en", 1, 6, 0, "1 year and 6 months")]
    [InlineData("de", 1, 0, 1, "1 Jahr und 1 Tag")]
    [InlineData("de", 2, 0, 30, "2 Jahre und 30 Tage")]
    [InlineData("en", 0, 0, 0, "immediately")]
    public void Duration_InLanguage_PlainWords(string language, int years, int months, int days, string expected) =>
        Assert.Equal(expected, new NoticeWording(language).Duration(new PolicyDuration(years, months, days)));

    [Theory]
    [InlineData("en", "1 September 2025")]
    [InlineData("de", "1. September 2025")]
    public void Date_InLanguage_WrittenOut(string language, string expected) =>
        Assert.Equal(expected, new NoticeWording(language).Date(new DateOnly(2025, 9, 1)));

    [Theory]
    [InlineData("en", "US", "United States")]
    [InlineData("de", "US", "Vereinigte Staaten")]
    [InlineData("de", "gb", "Vereinigtes Königreich")]
    [InlineData("de-AT", "DE", "Deutschland")]
    public void Country_InLanguage_Named(string language, string code, string expected) =>
        Assert.Equal(expected, new NoticeWording(language).Country(code));

    [Theory]
    [InlineData("en", true)]
    [InlineData("de", true)]
    [InlineData("de-CH", true)]
    [InlineData("fr", false)]
    [InlineData("xx", false)]
    public void HasWording_Language_TrueOnlyWithAResourceFile(string language, bool expected) =>
        Assert.Equal(expected, NoticeWording.HasWording(language));

    private static IEnumerable<string> Values<T>() where T : struct, Enum => Enum.GetValues<T>().Select(v => $"{typeof(T).Name}.{v}");

    private static string[] Placeholders(string text) => [.. PlaceholderPattern().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
