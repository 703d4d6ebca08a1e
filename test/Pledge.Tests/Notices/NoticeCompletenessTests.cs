using Pledge.Notices;

namespace Pledge.Tests.Notices;

/// <summary>
/// The notice is complete against GDPR Art. 13 and 14: for every item of both articles, the rendered notice (HTML and
/// Markdown, English and German, for the test policy and the example) states the policy's concrete facts for it.
/// </summary>
public sealed class NoticeCompletenessTests
{
    public static TheoryData<string, string, string, string> Items()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var item in GdprItems.All.Keys)
        {
            foreach (var policy in NoticePolicies.All)
            {
                foreach (var format in new[] { "html", "md" })
                {
                    foreach (var language in NoticePolicies.Languages)
                    {
                        data.Add(item, policy, format, language);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Items))]
    public void Render_GdprItem_NoticeStatesEveryFactOfThePolicy(string item, string policy, string format, string language)
    {
        var notice = NoticePolicies.Render(policy, NoticePolicies.Format(format), language);

        var missing = GdprItems.Missing(item, NoticePolicies.Get(policy), language, notice);

        Assert.True(missing.Count == 0, $"{item}: the {language} {format} notice of the {policy} policy does not state: {string.Join("; ", missing)}");
    }

    [Fact]
    public void Render_WithoutDpo_DpoItemFails()
    {
        var policy = NoticePolicies.Get(NoticePolicies.Example);
        var withoutDpo = policy with { Organisation = policy.Organisation with { Dpo = null } };

        var notice = RenderedNotice.Parse(NoticeRenderer.Render(withoutDpo, NoticeFormat.Html, "en"), NoticeFormat.Html);

        var missing = GdprItems.Missing("Art. 13(1)(b) contact details of the data protection officer", policy, "en", notice);
        Assert.Contains(missing, f => f.Text == policy.Organisation.Dpo!.Email);
    }

    [Fact]
    public void Render_WithoutLegitimateInterestText_LegitimateInterestItemFails()
    {
        var policy = NoticePolicies.Get(NoticePolicies.TestData);
        var stripped = policy with { Activities = [.. policy.Activities.Select(a => a with { LegitimateInterest = null })] };

        var notice = RenderedNotice.Parse(NoticeRenderer.Render(stripped, NoticeFormat.Markdown, "de"), NoticeFormat.Markdown);

        Assert.NotEmpty(GdprItems.Missing("Art. 13(1)(d) legitimate interests pursued", policy, "de", notice));
    }

    [Fact]
    public void Render_WithoutTransfers_TransferItemFails()
    {
        var policy = NoticePolicies.Get(NoticePolicies.Example);
        var stripped = policy with { Activities = [.. policy.Activities.Select(a => a with { Transfers = [] })] };

        var notice = RenderedNotice.Parse(NoticeRenderer.Render(stripped, NoticeFormat.Html, "de"), NoticeFormat.Html);

        Assert.NotEmpty(GdprItems.Missing("Art. 14(1)(f) transfers to third countries, safeguards and how to obtain a copy", policy, "de", notice));
    }

    [Fact]
    public void Missing_NoticeOfAnotherPolicy_EveryItemWithPolicyFactsFails()
    {
        // The test policy's notice does not state the example's facts, so only items whose facts are the law's own
        // wording (the list of rights, when third-party data is notified) may pass on it.
        var example = NoticePolicies.Get(NoticePolicies.Example);
        var other = NoticePolicies.Render(NoticePolicies.TestData, NoticeFormat.Html, "en");

        var passing = GdprItems.All.Keys.Where(item => GdprItems.Missing(item, example, "en", other).Count == 0).ToList();

        string[] lawsOwnWording = ["Art. 13(2)(b) ", "Art. 14(2)(c) ", "Art. 14(3) "];
        Assert.All(passing, item => Assert.Contains(lawsOwnWording, prefix => item.StartsWith(prefix, StringComparison.Ordinal)));
    }

    [Fact]
    public void Missing_EmptyNotice_EveryItemFails()
    {
        var empty = RenderedNotice.Parse("<!DOCTYPE html>\n<html lang=\"en\"><head><title>t</title></head><body><h1>t</h1></body></html>", NoticeFormat.Html);

        foreach (var policy in NoticePolicies.All)
        {
            Assert.All(GdprItems.All.Keys, item => Assert.NotEmpty(GdprItems.Missing(item, NoticePolicies.Get(policy), "en", empty)));
        }
    }

    [Fact]
    public void Items_CoverEveryLetterOfArticles13And14()
    {
        string[] expected =
        [
            "13(1)(a)", "13(1)(b)", "13(1)(c)", "13(1)(d)", "13(1)(e)", "13(1)(f)",
            "13(2)(a)", "13(2)(b)", "13(2)(c)", "13(2)(d)", "13(2)(e)", "13(2)(f)", "13(3)",
            "14(1)(a)", "14(1)(b)", "14(1)(c)", "14(1)(d)", "14(1)(e)", "14(1)(f)",
            "14(2)(a)", "14(2)(b)", "14(2)(c)", "14(2)(d)", "14(2)(e)", "14(2)(f)", "14(2)(g)", "14(3)", "14(4)",
        ];

        Assert.All(expected, reference => Assert.Contains(GdprItems.All.Keys, k => k.StartsWith($"Art. {reference} ", StringComparison.Ordinal)));
    }
}
