using System.Globalization;
using Pledge.Notices;
using Pledge.Policy.Model;
using Pledge.Tests.Support;

namespace Pledge.Tests.Notices;

/// <summary>The German wording is complete and a German notice carries no English fixed wording.</summary>
public sealed class NoticeWordingTests
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Resources_German_IsCompleteWithTheSamePlaceholders(bool countries) =>
        Translations.AssertComplete(NoticeWording.Entries(English, countries), NoticeWording.Entries(German, countries));

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
        var fragments = Translations.EnglishOnlyFragments(en, de, f => f.Split(' ').Length >= 3);

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
}
