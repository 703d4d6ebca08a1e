using System.Text.Json;
using Pledge.Cli;
using Pledge.Cli.Commands;
using Pledge.Tests.Support;

namespace Pledge.Tests.Cli;

public sealed class DiffCommandTests
{
    [Fact]
    public void Run_SamePolicy_ExitsOkAndSaysNoChanges()
    {
        var run = CommandRun.Of(DiffCommand.Create(), Repo.ExamplePolicy, Repo.ExamplePolicy);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("No changes.", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MaterialChange_ExitsMaterialChangesAndGroupsOutput()
    {
        using var copy = PolicyCopy.OfExample()
            .Replace("retention.yaml", "period: 13 months\n  - id: support-tickets", "period: 25 months\n  - id: support-tickets")
            .Replace("activities/product.yaml", "reports which features are used", "reports which features you use");
        var run = CommandRun.Of(DiffCommand.Create(), Repo.ExamplePolicy, copy.Root);
        Assert.Equal(ExitCodes.MaterialChanges, run.ExitCode);
        var material = run.Output.IndexOf("Material changes", StringComparison.Ordinal);
        var editorial = run.Output.IndexOf("Editorial changes", StringComparison.Ordinal);
        var longer = run.Output.IndexOf("period 13 months → 25 months (longer retention)", StringComparison.Ordinal);
        var reworded = run.Output.IndexOf("description reworded", StringComparison.Ordinal);
        Assert.True(material >= 0 && material < longer && longer < editorial && editorial < reworded, run.Output);
        Assert.Contains("notice version is still 2026.11", run.Output, StringComparison.Ordinal);
        Assert.Contains("usage-telemetry", run.Output[run.Output.IndexOf("Activities whose terms", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public void Run_EditorialChangeOnly_ExitsOk()
    {
        using var copy = PolicyCopy.OfExample().Replace("activities/product.yaml", "reports which features are used", "reports which features you use");
        var run = CommandRun.Of(DiffCommand.Create(), Repo.ExamplePolicy, copy.Root);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.DoesNotContain("Material changes", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FormatJson_ListsChangesAndActivities()
    {
        using var copy = PolicyCopy.OfExample().Replace("activities/product.yaml", "purposes: [product_improvement]", "purposes: [product_improvement, analytics]");
        var run = CommandRun.Of(DiffCommand.Create(), Repo.ExamplePolicy, copy.Root, "--format", "json");
        Assert.Equal(ExitCodes.MaterialChanges, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Output);
        Assert.True(doc.RootElement.GetProperty("material").GetBoolean());
        Assert.Equal(["usage-telemetry"], doc.RootElement.GetProperty("materially_changed_activities").EnumerateArray().Select(e => e.GetString()));
        var change = doc.RootElement.GetProperty("changes").EnumerateArray().Single();
        Assert.Equal("added", change.GetProperty("kind").GetString());
        Assert.Equal("usage-telemetry", change.GetProperty("activity_id").GetString());
    }

    [Fact]
    public void Run_PolicyWithErrors_ExitsPolicyErrorsWithDiagnostics()
    {
        using var copy = PolicyCopy.OfExample().Replace("activities/product.yaml", "lawful_basis: contract", "lawful_basis: kontract");
        var run = CommandRun.Of(DiffCommand.Create(), Repo.ExamplePolicy, copy.Root);
        Assert.Equal(ExitCodes.PolicyErrors, run.ExitCode);
        Assert.Contains("error PL", run.Output, StringComparison.Ordinal);
        Assert.Contains(copy.Root, run.Error, StringComparison.Ordinal);
    }
}
