using System.Collections.Concurrent;
using Pledge.Notices;
using Pledge.Policy.Loading;
using Pledge.Tests.Support;
using PolicyModel = Pledge.Policy.Model.Policy;

namespace Pledge.Tests.Notices;

/// <summary>The policies the notice tests run on, loaded once, and their rendered notices, rendered once.</summary>
internal static class NoticePolicies
{
    /// <summary>A small policy under TestData that states every Art. 13/14 fact at least once.</summary>
    public const string TestData = "testdata";

    /// <summary>The example vendor's policy.</summary>
    public const string Example = "example";

    public static readonly string[] All = [TestData, Example];

    public static readonly string[] Languages = ["en", "de"];

    private static readonly ConcurrentDictionary<string, PolicyModel> Loaded = new();
    private static readonly ConcurrentDictionary<(string, NoticeFormat, string), RenderedNotice> Rendered = new();

    public static string TestDataPath => Path.Combine(Repo.Root, "test", "Pledge.Tests", "Notices", "TestData", "policy.yaml");

    public static PolicyModel Get(string name) => Loaded.GetOrAdd(name, n =>
    {
        var result = PolicyLoader.Load(n == TestData ? TestDataPath : Repo.ExamplePolicy);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Policy!;
    });

    public static RenderedNotice Render(string name, NoticeFormat format, string language) =>
        Rendered.GetOrAdd((name, format, language), k => RenderedNotice.Parse(NoticeRenderer.Render(Get(k.Item1), k.Item2, k.Item3), k.Item2));

    public static NoticeFormat Format(string name) => name == "md" ? NoticeFormat.Markdown : NoticeFormat.Html;
}
