using Pledge.Diagnostics;
using Pledge.Tests.Support;

namespace Pledge.Tests.Policy;

public sealed class RulesCatalogueTests
{
    [Fact]
    public void All_CodesAreUniqueAndFormatted()
    {
        var codes = Rules.All.Select(r => r.Code).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^PL[0-9]{3}$", c));
    }

    [Fact]
    public void Docs_DescribeEveryRuleWithItsTitle()
    {
        var docs = File.ReadAllText(Path.Combine(Repo.Root, "docs", "diagnostics.md"));

        Assert.All(Rules.All, r =>
        {
            Assert.Contains($"## {r.Code}\n", docs, StringComparison.Ordinal);
            Assert.Contains(r.Title, docs, StringComparison.Ordinal);
        });
    }
}
