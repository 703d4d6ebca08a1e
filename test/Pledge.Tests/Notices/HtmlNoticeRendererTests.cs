using System.Xml.Linq;
using Pledge.Notices;
using Pledge.Policy.Model;
using PolicyModel = Pledge.Policy.Model.Policy;

namespace Pledge.Tests.Notices;

public sealed class HtmlNoticeRendererTests
{
    internal const string HostileText = "<script>alert('x')</script> & \"Co\" <img src=x onerror=alert(1)>";

    public static TheoryData<string, string> Notices()
    {
        var data = new TheoryData<string, string>();
        foreach (var policy in NoticePolicies.All)
        {
            foreach (var language in NoticePolicies.Languages)
            {
                data.Add(policy, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Notices))]
    public void Render_Policy_IsWellFormedPageInItsLanguage(string policy, string language)
    {
        var html = NoticePolicies.Render(policy, NoticeFormat.Html, language).Raw;

        var doc = RenderedNotice.LoadXml(html);

        Assert.StartsWith("<!DOCTYPE html>\n", html, StringComparison.Ordinal);
        Assert.Equal("html", doc.Root!.Name.LocalName);
        Assert.Equal(language, (string?)doc.Root.Attribute("lang"));
        Assert.Equal("utf-8", (string?)doc.Descendants("meta").First().Attribute("charset"));
        Assert.NotEmpty(doc.Descendants("title").Single().Value);
        Assert.NotEmpty(doc.Descendants("style").Single().Value);
    }

    [Theory]
    [MemberData(nameof(Notices))]
    public void Render_Policy_OneH1AndHeadingLevelsNeverSkip(string policy, string language)
    {
        var doc = RenderedNotice.LoadXml(NoticePolicies.Render(policy, NoticeFormat.Html, language).Raw);

        var levels = doc.Descendants().Where(e => e.Name.LocalName is ['h', >= '1' and <= '6']).Select(e => e.Name.LocalName[1] - '0').ToList();

        Assert.Equal(1, levels.Count(l => l == 1));
        Assert.Equal(1, levels[0]);
        Assert.All(levels.Zip(levels.Skip(1)), pair => Assert.True(pair.Second <= pair.First + 1, $"h{pair.First} followed by h{pair.Second}"));
    }

    [Theory]
    [MemberData(nameof(Notices))]
    public void Render_Policy_EveryContentsLinkTargetsAHeadingAndIdsAreUnique(string policy, string language)
    {
        var doc = RenderedNotice.LoadXml(NoticePolicies.Render(policy, NoticeFormat.Html, language).Raw);
        var ids = doc.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        var headingIds = doc.Descendants().Where(e => e.Name.LocalName is "h2" or "h3").Select(e => (string?)e.Attribute("id")).OfType<string>().ToHashSet();

        var links = doc.Descendants("nav").Descendants("a").Select(a => (string)a.Attribute("href")!).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.NotEmpty(links);
        Assert.All(links, href => Assert.Contains(href.TrimStart('#'), headingIds));
        Assert.Equal(doc.Descendants("section").Count(), links.Count);
    }

    [Theory]
    [MemberData(nameof(Notices))]
    public void Render_Policy_TablesHaveCaptionsAndScopedHeaders(string policy, string language)
    {
        var doc = RenderedNotice.LoadXml(NoticePolicies.Render(policy, NoticeFormat.Html, language).Raw);

        var tables = doc.Descendants("table").ToList();

        Assert.NotEmpty(tables);
        Assert.All(tables, table =>
        {
            Assert.NotEmpty(table.Element("caption")!.Value);
            Assert.All(table.Element("thead")!.Descendants("th"), th => Assert.Equal("col", (string?)th.Attribute("scope")));
            Assert.All(table.Element("tbody")!.Elements("tr"), tr => Assert.Equal("row", (string?)tr.Elements().First().Attribute("scope")));
        });
    }

    [Theory]
    [MemberData(nameof(Notices))]
    public void Render_Policy_HasNoScriptNoEventHandlersAndOnlySafeLinks(string policy, string language)
    {
        var doc = RenderedNotice.LoadXml(NoticePolicies.Render(policy, NoticeFormat.Html, language).Raw);

        Assert.Empty(doc.Descendants("script"));
        Assert.DoesNotContain(doc.Descendants().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
        Assert.All(doc.Descendants("a").Select(a => (string)a.Attribute("href")!),
            href => Assert.Matches("^(#[a-z0-9-]+|https?://|mailto:)", href));
    }

    [Fact]
    public void Render_PolicyStringsWithMarkup_AreEncodedAndShownAsWritten()
    {
        var policy = Hostile(NoticePolicies.Get(NoticePolicies.TestData));

        var html = NoticeRenderer.Render(policy, NoticeFormat.Html, "en");
        var doc = RenderedNotice.LoadXml(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(doc.Descendants("script"));
        Assert.Contains(HostileText, doc.Descendants("h1").Single().Value, StringComparison.Ordinal);
        Assert.Contains(doc.Descendants("h3"), h => h.Value == HostileText);
    }

    [Fact]
    public void Render_JavascriptWebsite_IsTextNotALink()
    {
        var policy = NoticePolicies.Get(NoticePolicies.TestData);
        var controller = policy.Organisation.Controller with { Website = "javascript:alert(1)" };
        policy = policy with { Organisation = policy.Organisation with { Controller = controller } };

        var doc = RenderedNotice.LoadXml(NoticeRenderer.Render(policy, NoticeFormat.Html, "en"));

        Assert.DoesNotContain(doc.Descendants("a"), a => ((string)a.Attribute("href")!).Contains("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("javascript:alert(1)", doc.Root!.Element("body")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_CharactersXmlForbids_BecomeReplacementCharacter()
    {
        var encoded = HtmlNoticeRenderer.Encode("a\u0001b\uFFFEc\uD800d<&>'\"é😀");

        Assert.Equal("a\uFFFDb\uFFFDc\uFFFDd&lt;&amp;&gt;&#39;&quot;é😀", encoded);
        _ = XElement.Parse($"<p>{encoded}</p>");
    }

    [Fact]
    public void Render_Callout_IsAnAsideWithItsOwnHeading()
    {
        var doc = RenderedNotice.LoadXml(NoticePolicies.Render(NoticePolicies.Example, NoticeFormat.Html, "en").Raw);

        var aside = doc.Descendants("aside").Single();

        Assert.Equal("callout", (string?)aside.Attribute("class"));
        Assert.Equal("h3", aside.Elements().First().Name.LocalName);
        Assert.Equal("h2", aside.Parent!.Elements().First().Name.LocalName);
    }

    /// <summary>The policy with markup planted in the controller's name and every activity's name.</summary>
    internal static PolicyModel Hostile(PolicyModel policy) => policy with
    {
        Organisation = policy.Organisation with { Controller = policy.Organisation.Controller with { Name = HostileText } },
        Activities = [.. policy.Activities.Select(a => a with { Name = LocalizedText.Of(HostileText) })],
    };
}
