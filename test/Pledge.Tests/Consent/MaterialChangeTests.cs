using Pledge.Consent;
using Pledge.Storage;
using Pledge.Tests.Support;

namespace Pledge.Tests.Consent;

/// <summary>A material change to an activity's terms requires fresh consent to it, and only to it.</summary>
public abstract class MaterialChangeTests : LedgerTests
{
    private const string NextVersion = "2026.12";

    /// <summary>The example policy, one version later, with the newsletter collecting browsing data too.</summary>
    protected static Pledge.Policy.Model.Policy NextPolicy()
    {
        using var copy = PolicyCopy.OfExample()
            .Replace("policy.yaml", "version: \"2026.11\"\n  effective", $"version: \"{NextVersion}\"\n  effective")
            .Replace("activities/marketing.yaml", "categories: [user.contact.email, user.name, user.marketing]", "categories: [user.contact.email, user.name, user.marketing, user.activity.browsing]");
        var result = copy.Load();
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Policy!;
    }

    protected abstract IReadOnlySet<string> MateriallyChanged(Pledge.Policy.Model.Policy old, Pledge.Policy.Model.Policy next);

    [Fact]
    public async Task Decide_AfterMaterialChange_RequiresFreshConsentForTheChangedActivityOnly()
    {
        await AppendAsync(Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "newsletter"));
        await AppendAsync(Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "website-analytics"));
        var next = NextPolicy();
        var changed = MateriallyChanged(TestPolicy.Policy, next);
        Assert.Contains("newsletter", changed);
        Assert.DoesNotContain("website-analytics", changed);

        await PolicyVersions.DeployAsync(Store, NextVersion, changed, "test");
        var versions = await PolicyVersions.LoadAsync(Store);
        var decisions = new ConsentDecisions(Store, DecisionEngine.Compile(next, versions));
        var ada = Id("email:ada@example.com");

        Assert.Equal(DecisionReasons.ConsentOutdated, (await decisions.DecideAsync(ada, "newsletter", Time.GetUtcNow())).Reasons);
        Assert.True((await decisions.DecideAsync(ada, "website-analytics", Time.GetUtcNow())).Allowed);

        await using var ledger = await ConsentLedger.OpenAsync(Store, next, Pseudonyms);
        Time.Advance(TimeSpan.FromMinutes(1));
        var renewed = await ledger.AppendAsync(Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "newsletter", version: NextVersion));
        Assert.True(renewed.Accepted, renewed.Error?.Message);

        Assert.Equal(DecisionReasons.ConsentGiven, (await decisions.DecideAsync(ada, "newsletter", Time.GetUtcNow())).Reasons);
    }

    [Fact]
    public async Task DeployAsync_SameVersionTwice_RecordsItOnce()
    {
        Assert.Equal(DeployOutcome.AlreadyDeployed, await PolicyVersions.DeployAsync(Store, TestPolicy.Version, ["newsletter"], "test"));

        var versions = await PolicyVersions.LoadAsync(Store);

        var only = Assert.Single(versions.Versions);
        Assert.Null(only.MateriallyChanged);
    }
}

/// <summary>Changed activities named explicitly (the seam the diff engine fills).</summary>
public abstract class ExplicitMaterialChangeTests : MaterialChangeTests
{
    protected override IReadOnlySet<string> MateriallyChanged(Pledge.Policy.Model.Policy old, Pledge.Policy.Model.Policy next) => new HashSet<string> { "newsletter" };
}

/// <summary>Changed activities as <c>pledge diff</c> classifies them.</summary>
public abstract class DiffMaterialChangeTests : MaterialChangeTests
{
    protected override IReadOnlySet<string> MateriallyChanged(Pledge.Policy.Model.Policy old, Pledge.Policy.Model.Policy next) =>
        Pledge.Diff.PolicyDiff.Compare(old, next).MateriallyChangedActivities;
}

public sealed class SqliteDiffMaterialChangeTests : DiffMaterialChangeTests
{
    protected override Task<StoreLocation> NewLocationAsync() => Task.FromResult(SqliteStore.NewLocation());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDiffMaterialChangeTests(PostgresServer server) : DiffMaterialChangeTests
{
    protected override Task<StoreLocation> NewLocationAsync() => PostgresStore.NewLocationAsync(server);
}

public sealed class SqliteMaterialChangeTests : ExplicitMaterialChangeTests
{
    protected override Task<StoreLocation> NewLocationAsync() => Task.FromResult(SqliteStore.NewLocation());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresMaterialChangeTests(PostgresServer server) : ExplicitMaterialChangeTests
{
    protected override Task<StoreLocation> NewLocationAsync() => PostgresStore.NewLocationAsync(server);
}
