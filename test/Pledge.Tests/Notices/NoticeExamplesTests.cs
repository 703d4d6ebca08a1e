using Pledge.Notices;
using Pledge.Tests.Support;

namespace Pledge.Tests.Notices;

/// <summary>The rendered example notices under docs/examples are snapshots: they match what the renderer produces now.</summary>
public sealed class NoticeExamplesTests
{
    [Theory]
    [InlineData("notice.en.html", NoticeFormat.Html, "en", "html")]
    [InlineData("notice.en.md", NoticeFormat.Markdown, "en", "md")]
    [InlineData("notice.de.md", NoticeFormat.Markdown, "de", "md")]
    public void Render_Example_MatchesTheSnapshotInDocs(string file, NoticeFormat format, string language, string option)
    {
        var path = Path.Combine(Repo.Root, "docs", "examples", file);
        var expected = NoticePolicies.Render(NoticePolicies.Example, format, language).Raw;

        Assert.True(File.Exists(path) && File.ReadAllText(path) == expected,
            $"docs/examples/{file} is not what the notice renders now; if the change is intended, regenerate it with: " +
            $"./pledge notice --format {option} --lang {language} --out docs/examples/{file}");
    }
}
