using System.Text.RegularExpressions;
using Pledge.Notices;

namespace Pledge.Tests.Notices;

public sealed partial class MarkdownNoticeRendererTests
{
    [Theory]
    [InlineData(NoticePolicies.TestData, "en")]
    [InlineData(NoticePolicies.TestData, "de")]
    [InlineData(NoticePolicies.Example, "en")]
    [InlineData(NoticePolicies.Example, "de")]
    public void Render_Policy_ContentsLinksMatchGitHubHeadingAnchors(string policy, string language)
    {
        var md = NoticePolicies.Render(policy, NoticeFormat.Markdown, language).Raw;
        var slugger = new Dictionary<string, int>(StringComparer.Ordinal);
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in HeadingLine().Matches(md))
        {
            var slug = MarkdownText.Slug(Unescape(heading.Groups[1].Value));
            var n = slugger.TryGetValue(slug, out var seen) ? seen + 1 : 0;
            slugger[slug] = n;
            anchors.Add(n == 0 ? slug : $"{slug}-{n}");
        }

        var links = ContentsLink().Matches(md).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(links);
        Assert.All(links, link => Assert.Contains(link, anchors));
    }

    [Theory]
    [InlineData(NoticePolicies.TestData, "en")]
    [InlineData(NoticePolicies.Example, "de")]
    public void Render_Policy_EveryTableRowHasItsColumns(string policy, string language)
    {
        var md = NoticePolicies.Render(policy, NoticeFormat.Markdown, language).Raw;

        foreach (var table in md.Split("\n\n").Where(b => b.StartsWith('|')))
        {
            var rows = table.Trim().Split('\n');
            var columns = CellSeparator().Count(rows[0]);
            Assert.All(rows, row => Assert.Equal(columns, CellSeparator().Count(row)));
        }
    }

    [Fact]
    public void Render_PolicyStringsWithMarkup_AreEscaped()
    {
        var policy = HtmlNoticeRendererTests.Hostile(NoticePolicies.Get(NoticePolicies.TestData));
        var cookie = policy.Cookies.Items[0] with { Name = "a|b*c_[d](e)" };
        policy = policy with { Cookies = policy.Cookies with { Items = [cookie, .. policy.Cookies.Items.Skip(1)] } };

        var md = NoticeRenderer.Render(policy, NoticeFormat.Markdown, "en");
        var notice = RenderedNotice.Parse(md, NoticeFormat.Markdown);

        Assert.DoesNotMatch(@"(?<!\\)<(script|img)", md);
        Assert.Contains("\\<script\\>", md, StringComparison.Ordinal);
        Assert.Contains(@"a\|b\*c\_\[d\](e)", md, StringComparison.Ordinal);
        Assert.Contains(RenderedNotice.Normalise(Hostile()), notice.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- item", @"\- item")]
    [InlineData("+ item", @"\+ item")]
    [InlineData("1. first", @"1\. first")]
    [InlineData("Version 2.1", "Version 2.1")]
    [InlineData("# not a heading", @"\# not a heading")]
    [InlineData("line one\nline two\r\nthree", "line one line two three")]
    [InlineData("a & b <br> `c` ~d~", @"a \& b \<br\> \`c\` \~d\~")]
    [InlineData(@"back\slash", @"back\\slash")]
    public void Escape_Metacharacters_RenderLiterally(string text, string expected) =>
        Assert.Equal(expected, MarkdownText.Escape(text));

    [Theory]
    [InlineData("Who we are", "who-we-are")]
    [InlineData("Wie Sie Ihre Rechte ausüben", "wie-sie-ihre-rechte-ausüben")]
    [InlineData("Equal-opportunities monitoring", "equal-opportunities-monitoring")]
    [InlineData("Art. 21: your right (to object)!", "art-21-your-right-to-object")]
    [InlineData("snake_case stays", "snake_case-stays")]
    public void Slug_Heading_MatchesGitHubAnchor(string heading, string expected) =>
        Assert.Equal(expected, MarkdownText.Slug(heading));

    [Fact]
    public void Render_Callout_IsOneBlockQuote()
    {
        var md = NoticePolicies.Render(NoticePolicies.Example, NoticeFormat.Markdown, "en").Raw;

        var quote = md.Split("\n\n").Where(b => b.StartsWith('>')).ToList();

        Assert.Single(quote);
        Assert.All(quote[0].Split('\n'), line => Assert.StartsWith(">", line, StringComparison.Ordinal));
    }

    private static string Hostile() => HtmlNoticeRendererTests.HostileText;

    private static string Unescape(string s) => Regex.Replace(s, @"\\(.)", "$1");

    [GeneratedRegex(@"^#{1,6} (.+)$", RegexOptions.Multiline)]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^\s*- \[.*\]\(#([^)]+)\)$", RegexOptions.Multiline)]
    private static partial Regex ContentsLink();

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSeparator();
}
