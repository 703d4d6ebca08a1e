using Pledge.Diff;
using static Pledge.Tests.Diff.ExampleEdits;

namespace Pledge.Tests.Diff;

/// <summary>Changes that need no notification: wording, narrowing, notice metadata. Each is the only change made.</summary>
public sealed class PolicyDiffEditorialTests
{
    private const string Product = "activities/product.yaml";

    [Fact]
    public void Compare_SamePolicy_NoChanges()
    {
        var diff = PolicyDiff.Compare(Example, Pledge.Tests.TestData.PolicyFiles.Load(Support.Repo.ExamplePolicy));
        Assert.True(diff.IsEmpty);
        Assert.False(diff.HasMaterialChanges);
        Assert.Empty(diff.MateriallyChangedActivities);
    }

    [Fact]
    public void Compare_DescriptionReworded_Editorial()
    {
        var diff = DiffAfter(c => c.Replace(Product, "reports which features are used and how they perform", "reports which features you use and how well they work"));
        var change = diff.AssertEditorialOnly("activities.usage-telemetry.description");
        Assert.Equal(Reasons.Wording, change.Reason);
    }

    [Fact]
    public void Compare_TranslationOnly_EditorialAndSaysWhichLanguage()
    {
        var diff = DiffAfter(c => c.Replace(Product, "de: Produktnutzungsdaten", "de: Daten zur Produktnutzung"));
        var change = diff.AssertEditorialOnly("activities.usage-telemetry.name");
        Assert.Equal("activity 'usage-telemetry': name translations changed (de)", change.Description);
    }

    [Fact]
    public void Compare_ActivityRemoved_EditorialAndSaysItNarrows()
    {
        var diff = DiffAfter(c => c.Cut(Product, "  - id: research-sharing", "  - id: trial-abuse-screening"));
        var change = diff.AssertEditorialOnly("activities.research-sharing");
        Assert.Equal(ChangeKind.Removed, change.Kind);
        Assert.Contains("narrows processing", change.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_ShorterRetention_Editorial()
    {
        var diff = DiffAfter(c => c.Replace("retention.yaml", "period: 13 months\n  - id: support-tickets", "period: 6 months\n  - id: support-tickets"));
        var change = diff.AssertEditorialOnly("retention.telemetry-13-months.period");
        Assert.Equal("retention rule 'telemetry-13-months' period 13 months → 6 months (shorter retention)", change.Description);
    }

    [Fact]
    public void Compare_SamePeriodWrittenDifferently_Editorial()
    {
        var diff = DiffAfter(c => c.Replace("retention.yaml", "anchor: signed_in_at\n    period: 12 months", "anchor: signed_in_at\n    period: 1 year"));
        Assert.Equal(Reasons.SameLength, diff.AssertEditorialOnly("retention.sign-in-history.period").Reason);
    }

    [Fact]
    public void Compare_RuleReplacedByShorterOne_Editorial()
    {
        var diff = DiffAfter(c => c.Replace(Product, "retention: [telemetry-13-months]", "retention: [website-technical-30-days]"));
        diff.AssertEditorialOnly("activities.usage-telemetry.retention.website-technical-30-days");
    }

    [Fact]
    public void Compare_CategoryRemoved_Editorial()
    {
        var diff = DiffAfter(c => c.Replace(Product, "categories: [user.device.ip_address, user.device.os, user.device.identifier]", "categories: [user.device.ip_address, user.device.identifier]"));
        diff.AssertEditorialOnly("activities.account-security.categories.user.device.os");
    }

    [Fact]
    public void Compare_ProcessorRemovedFromActivity_Editorial()
    {
        var diff = DiffAfter(c => c.Replace(Product, "processors: [northwind-cloud]\n    retention: [telemetry-13-months]", "retention: [telemetry-13-months]"));
        diff.AssertEditorialOnly("activities.usage-telemetry.processors.northwind-cloud");
    }

    [Fact]
    public void Compare_ConsentOptOutToOptIn_Editorial()
    {
        var diff = DiffAfter(c => c.Replace("activities/support.yaml", "mode: opt_out", "mode: opt_in"));
        Assert.Equal(Reasons.Stricter, diff.AssertEditorialOnly("activities.call-recording.consent.mode").Reason);
    }

    [Fact]
    public void Compare_SafeguardStrengthened_Editorial()
    {
        var diff = DiffAfter(c => c.Replace("activities/support.yaml", "{ country: IN, recipient: callnote, safeguard: uk_idta }", "{ country: IN, recipient: callnote, safeguard: bcr }"));
        Assert.Equal(Reasons.SameSafeguardTier, diff.AssertEditorialOnly("activities.call-recording.transfers.IN:callnote.safeguard").Reason);
    }

    [Fact]
    public void Compare_NoticeVersionAndDate_Editorial()
    {
        var diff = DiffAfter(c => c.Replace("policy.yaml", "version: \"2026.11\"\n  effective: 2026-11-01", "version: \"2026.12\"\n  effective: 2026-12-01"));
        diff.AssertEditorialOnly("notice.version");
        diff.AssertEditorialOnly("notice.effective");
    }

    [Fact]
    public void Compare_NewStrictlyNecessaryCookie_Editorial()
    {
        var diff = DiffAfter(c => c.Replace("policy.yaml", "  items:\n", "  items:\n    - { name: farlink_lb, provider: Farlink, category: strictly_necessary, purpose: Load balancing, duration: session }\n"));
        diff.AssertEditorialOnly("cookies.farlink_lb");
    }

    [Fact]
    public void Compare_ControllerAddressChanged_Editorial()
    {
        var diff = DiffAfter(c => c.Replace("policy.yaml", "address: 3 Harbour Yard, Cambridge CB1 2AB, United Kingdom\n    email: privacy@", "address: 9 Mill Road, Cambridge CB1 3AA, United Kingdom\n    email: privacy@"));
        Assert.Equal(Reasons.Contacts, diff.AssertEditorialOnly("organisation.controller.address").Reason);
    }
}
