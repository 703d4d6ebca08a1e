using Pledge.Policy.Model;
using Pledge.Tests.Support;

namespace Pledge.Tests.Policy;

/// <summary>The example loads into the model the engines rely on: what the YAML says is what the model holds.</summary>
public sealed class PolicyLoaderTests
{
    private static readonly Lazy<Pledge.Policy.Model.Policy> Example = new(() => Pledge.Policy.Loading.PolicyLoader.Load(Repo.ExamplePolicy).Policy!);

    [Fact]
    public void Load_FieldErasure_ReadsEveryStrategy()
    {
        var accounts = Example.Value.System("app")!.Table("accounts")!;

        Assert.Equal(ErasureStrategy.Hash, accounts.Field("email")!.Erasure);
        Assert.Equal(ErasureStrategy.Mask, accounts.Field("full_name")!.Erasure);
        Assert.Equal(ErasureStrategy.Null, accounts.Field("phone")!.Erasure);
        Assert.Equal(ErasureStrategy.DeleteRow, Example.Value.System("app")!.Table("devices")!.Field("computer_name")!.Erasure);
    }

    [Fact]
    public void Load_TableUnderHold_FieldsInheritRetainAndHold()
    {
        var invoices = Example.Value.System("app")!.Table("invoices")!;

        Assert.All(invoices.Fields, f => Assert.Equal((ErasureStrategy.Retain, "statutory-accounts"), (f.Erasure, f.Hold)));
    }

    [Fact]
    public void Load_AnchorOnReferencedTable_KeepsTableAndColumn()
    {
        var rule = Example.Value.RetentionRule("support-logs-one-week")!;

        Assert.Equal(new RetentionAnchor("support_tickets", "closed_at"), rule.Anchor);
        Assert.Equal(new PolicyDuration(0, 0, 7), rule.Period);
    }

    [Fact]
    public void Load_EventTriggeredRule_HasTriggerAndNoPeriod()
    {
        var rule = Example.Value.RetentionRule("viewer-cache-on-sign-out")!;

        Assert.Equal("viewer.signed_out", rule.Trigger);
        Assert.Null(rule.Period);
        Assert.Equal(RetentionAction.Delete, rule.Action);
    }

    [Fact]
    public void Load_Conditions_BindToTheirKinds()
    {
        var crm = Example.Value.RetentionRule("crm-sales-four-years")!;

        Assert.Collection(crm.When,
            c => Assert.Equal("crm_orders", Assert.IsType<NoRowsIn>(c).Table),
            c => Assert.Equal(["web_enquiry", "evaluation", "event"], Assert.IsType<ColumnIn>(c).Values.ToArray()));
        Assert.True(Assert.IsType<ColumnIsNull>(Example.Value.RetentionRule("subscribers-12-months")!.When.Single()).IsNull);
    }

    [Fact]
    public void Load_CookieConsent_DerivedFromCategoryWhenUnstated()
    {
        var cookies = Example.Value.Cookies.Items.ToDictionary(c => c.Name);

        Assert.False(cookies["farlink_session"].Consent);
        Assert.True(cookies["farlink_lang"].Consent);
        Assert.True(cookies["_mt_*"].IsPattern);
        Assert.Null(cookies["farlink_session"].Duration);
        Assert.Equal(new PolicyDuration(2, 0, 0), Example.Value.Cookies.MaxLifetime);
    }

    [Fact]
    public void Load_Objection_DefaultsFollowTheLawfulBasis()
    {
        Assert.Equal(ObjectionRule.Absolute, Example.Value.Activity("newsletter")!.Objection);
        Assert.Equal(ObjectionRule.Balancing, Example.Value.Activity("account-security")!.Objection);
        Assert.Equal(ObjectionRule.None, Example.Value.Activity("billing")!.Objection);
    }

    [Fact]
    public void Load_LocalizedText_FallsBackToDefaultLanguage()
    {
        var name = Example.Value.Activity("usage-telemetry")!.Name;

        Assert.Equal("Product usage data", name.In("en"));
        Assert.Equal("Produktnutzungsdaten", name.In("de"));
        Assert.Equal("Produktnutzungsdaten", name.In("de-AT"));
        Assert.Equal("Product usage data", name.In("fr"));
    }

    [Fact]
    public void Load_UsageTelemetry_IsOptOutWithWithdrawal()
    {
        var telemetry = Example.Value.Activity("usage-telemetry")!;

        Assert.Equal(ConsentMode.OptOut, telemetry.Consent.Mode);
        Assert.NotNull(telemetry.Consent.Withdrawal);
        Assert.Equal(LawfulBasis.LegitimateInterests, telemetry.Basis);
    }

    [Fact]
    public void SpecialCategoriesOf_ListedParentDoesNotCountButListedSpecialDoes()
    {
        var policy = Example.Value;

        Assert.Equal(["user.health"], policy.SpecialCategoriesOf(policy.Activity("recruitment")!));
        Assert.Empty(policy.SpecialCategoriesOf(policy.Activity("remote-access-service")!));
    }
}
