using Pledge.Notices;
using Pledge.Policy.Model;
using PolicyModel = Pledge.Policy.Model.Policy;

namespace Pledge.Tests.Notices;

public sealed class NoticeRendererTests
{
    private static PolicyModel TestPolicy => NoticePolicies.Get(NoticePolicies.TestData);

    [Fact]
    public void Render_LanguageNotInPolicy_ThrowsListingAvailableLanguages()
    {
        var e = Assert.Throws<ArgumentException>(() => NoticeRenderer.Render(TestPolicy, NoticeFormat.Html, "fr"));

        Assert.Contains("'fr'", e.Message, StringComparison.Ordinal);
        Assert.Contains("available languages: en, de", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryResolveLanguage_ListedButNoWording_SaysWhichResourceIsMissing()
    {
        var policy = TestPolicy with { Notice = TestPolicy.Notice with { Languages = ["en", "fr"] } };

        Assert.False(NoticeRenderer.TryResolveLanguage(policy, "fr", out _, out var error));
        Assert.Contains("NoticeText.fr.resx", error, StringComparison.Ordinal);
        Assert.Equal(["en"], NoticeRenderer.Languages(policy).ToArray());
    }

    [Theory]
    [InlineData(null, "en")]
    [InlineData("DE", "de")]
    [InlineData(" de ", "de")]
    public void TryResolveLanguage_Requested_PolicySpellingOrDefault(string? requested, string expected)
    {
        Assert.True(NoticeRenderer.TryResolveLanguage(TestPolicy, requested, out var language, out _));
        Assert.Equal(expected, language);
    }

    [Fact]
    public void Render_NoLanguage_UsesThePolicysFirstLanguage()
    {
        var html = NoticeRenderer.Render(TestPolicy, NoticeFormat.Html);

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TestPolicy_SectionsInReadingOrderWithUniqueIds()
    {
        var document = NoticeBuilder.Build(TestPolicy, "en");

        Assert.Equal(
            ["who-we-are", "right-to-object", "how-we-use", "sources", "recipients", "cookies", "storage-and-transfers", "retention",
             "your-rights", "exercising-your-rights", "automated-decisions", "changes"],
            document.Sections.Select(s => s.Id));
        var ids = document.Sections.SelectMany(s => s.Subsections.Prepend(s)).Select(s => s.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(TestPolicy.Activities.Length, document.Sections.Single(s => s.Id == "how-we-use").Subsections.Length);
    }

    [Fact]
    public void Build_SpecialCategory_NamesOnlyTheSpecialCategoriesTheActivityProcesses()
    {
        var notice = NoticePolicies.Render(NoticePolicies.TestData, NoticeFormat.Html, "en");

        var applications = notice.Section("Job applications");

        Assert.Contains("Special categories of data (Art. 9 GDPR) Health data", applications, StringComparison.Ordinal);
        Assert.DoesNotContain("Racial or ethnic origin", applications, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoAutomatedDecisionsNoTransfersNoDpo_SaysSoExplicitly()
    {
        var policy = TestPolicy with
        {
            Activities = [.. TestPolicy.Activities.Select(a => a with { AutomatedDecisions = null, Transfers = [] })],
            Processors = [],
            Organisation = TestPolicy.Organisation with { Dpo = null },
        };
        var wording = new NoticeWording("de");

        var notice = RenderedNotice.Parse(NoticeRenderer.Render(policy, NoticeFormat.Markdown, "de"), NoticeFormat.Markdown);

        Assert.Contains(RenderedNotice.Normalise(wording["Automated.None"]), notice.Section(wording["Section.Automated"]), StringComparison.Ordinal);
        Assert.Contains(RenderedNotice.Normalise(wording["Transfers.None"]), notice.Section(wording["Section.StorageAndTransfers"]), StringComparison.Ordinal);
        Assert.Contains(RenderedNotice.Normalise(wording["Who.NoDpo"]), notice.Section(wording["Section.WhoWeAre"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoObjectableActivity_LeavesOutTheObjectionSection()
    {
        var policy = TestPolicy with { Activities = [.. TestPolicy.Activities.Where(a => a.Objection == ObjectionRule.None)] };

        var document = NoticeBuilder.Build(policy, "en");

        Assert.DoesNotContain(document.Sections, s => s.Id == "right-to-object");
    }

    [Fact]
    public void Render_SamePolicyTwice_IsByteIdentical()
    {
        Assert.Equal(NoticeRenderer.Render(TestPolicy, NoticeFormat.Html, "de"), NoticeRenderer.Render(TestPolicy, NoticeFormat.Html, "de"));
    }
}
