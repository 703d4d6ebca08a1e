using Pledge.Tests.Support;

namespace Pledge.Tests.Policy;

public sealed class IncludeTests
{
    [Fact]
    public void Load_Example_ReadsEveryIncludedFile()
    {
        using var copy = PolicyCopy.OfExample();

        var result = copy.Load();

        Assert.Equal(8, result.Files.Length);
        Assert.Equal(18, result.Policy!.Activities.Length);
    }

    [Fact]
    public void Load_IncludeCycle_ReportsPL012()
    {
        using var copy = PolicyCopy.OfExample().Write("activities/loop.yaml", "include: [../policy.yaml]\n");

        var result = copy.Load();

        Assert.Contains(result.Diagnostics, d => d.Code == "PL012" && d.Message.Contains("more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_IncludeOutsideFolder_ReportsPL012()
    {
        using var copy = PolicyCopy.OfExample().Replace("policy.yaml", "  - retention.yaml", "  - retention.yaml\n  - ../../etc/passwd");

        var result = copy.Load();

        Assert.Contains(result.Diagnostics, d => d.Code == "PL012" && d.Message.Contains("outside", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_IncludeAbsolutePath_ReportsPL012()
    {
        using var copy = PolicyCopy.OfExample().Replace("policy.yaml", "  - retention.yaml", "  - /etc/hostname");

        var result = copy.Load();

        Assert.Contains(result.Diagnostics, d => d.Code == "PL012" && d.Message.Contains("relative", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SectionInTwoFiles_ReportsPL013AtTheSecond()
    {
        using var copy = PolicyCopy.OfExample().Write("activities/extra.yaml", "notice:\n  version: x\n  effective: 2026-01-01\n");

        var result = copy.Load();

        var d = Assert.Single(result.Diagnostics, d => d.Code == "PL013");
        Assert.EndsWith("extra.yaml", d.Location.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ErrorInIncludedFile_NamesThatFile()
    {
        using var copy = PolicyCopy.OfExample().Replace("activities/marketing.yaml", "    purposes: [sales]", "    purposes: [sails]");

        var result = copy.Load();

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal(Path.Combine(copy.Dir, "activities", "marketing.yaml"), d.Location.File);
        Assert.Contains("did you mean 'sales'", d.Message, StringComparison.Ordinal);
    }
}
