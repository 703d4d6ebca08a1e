using System.Collections.Frozen;
using Pledge.Consent;
using Pledge.Storage;
using R = Pledge.Consent.DecisionReasons;

namespace Pledge.Tests.Consent;

/// <summary>Every lawful basis against every state the ledger can put a subject in; no store involved.</summary>
public sealed class DecisionEngineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    // v1 is the baseline; v2 changed the newsletter's and the analytics' terms materially.
    private static readonly PolicyVersionHistory Versions = new(
    [
        new PolicyVersionRecord(1, "v1", Now.AddYears(-2), null),
        new PolicyVersionRecord(2, "v2", Now.AddYears(-1).AddMonths(-3), new[] { "newsletter", "website-analytics" }.ToFrozenSet()),
    ]);

    private static readonly DecisionEngine Engine = DecisionEngine.Compile(TestPolicy.Policy, Versions);

    private static long Ago(int days) => StoreTime.ToMicros(Now.AddDays(-days));

    private static StateRow Row(StateFacet facet, string scope, short status, int daysAgo, string? version = "v2", long seq = 1) =>
        new(1, facet, scope, status, null, Ago(daysAgo), seq, version);

    private static StateRow[] State(string name, string activity) => name switch
    {
        "none" => [],
        "restricted" => [Row(StateFacet.Restriction, "", 1, 5)],
        "lifted" => [Row(StateFacet.Restriction, "", 0, 5)],
        "objected" => [Row(StateFacet.Objection, activity, 1, 5)],
        "grounds" => [Row(StateFacet.Objection, activity, 2, 5)],
        "dm-objection" => [Row(StateFacet.Objection, StateRow.AllDirectMarketing, 1, 5)],
        "gpc" => [Row(StateFacet.GlobalPrivacyControl, "", 1, 5)],
        "consent" => [Row(StateFacet.Consent, activity, 1, 30)],
        "withdrawn" => [Row(StateFacet.Consent, activity, 0, 10)],
        "outdated" => [Row(StateFacet.Consent, activity, 1, 500, "v1")],
        "unknown-version" => [Row(StateFacet.Consent, activity, 1, 30, "2019.1")],
        "expired" => [Row(StateFacet.Consent, activity, 1, 400)],
        "consent-then-gpc" => [Row(StateFacet.Consent, activity, 1, 30), Row(StateFacet.GlobalPrivacyControl, "", 1, 5)],
        "gpc-then-consent" => [Row(StateFacet.GlobalPrivacyControl, "", 1, 30), Row(StateFacet.Consent, activity, 1, 5)],
        "consent-then-dm-objection" => [Row(StateFacet.Consent, activity, 1, 30), Row(StateFacet.Objection, StateRow.AllDirectMarketing, 1, 5)],
        "dm-objection-then-consent" => [Row(StateFacet.Objection, StateRow.AllDirectMarketing, 1, 30), Row(StateFacet.Consent, activity, 1, 5)],
        "restricted-consent" => [Row(StateFacet.Restriction, "", 1, 5), Row(StateFacet.Consent, activity, 1, 30)],
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    public static TheoryData<string, string, bool, R> Matrix => new()
    {
        // contract: allowed whatever the consent or objection state, except under restriction
        { "events-and-competitions", "none", true, R.Contract },
        { "events-and-competitions", "restricted", false, R.Restricted },
        { "events-and-competitions", "lifted", true, R.Contract },
        { "events-and-competitions", "objected", true, R.Contract },
        { "events-and-competitions", "dm-objection", true, R.Contract },
        { "events-and-competitions", "gpc", true, R.Contract },
        { "events-and-competitions", "withdrawn", true, R.Contract },
        // legal obligation for legal compliance: continues under restriction (storage, legal claims)
        { "billing", "none", true, R.LegalObligation },
        { "billing", "restricted", true, R.LegalObligation | R.ExemptFromRestriction },
        { "billing", "objected", true, R.LegalObligation },
        { "billing", "gpc", true, R.LegalObligation },
        // vital interests
        { "emergency-contact", "none", true, R.VitalInterests },
        { "emergency-contact", "restricted", false, R.Restricted },
        { "emergency-contact", "objected", true, R.VitalInterests },
        { "emergency-contact", "dm-objection", true, R.VitalInterests },
        // public task: the policy makes objection a balancing test (Art. 21(1))
        { "public-register", "none", true, R.PublicTask },
        { "public-register", "restricted", false, R.Restricted },
        { "public-register", "objected", false, R.Objected },
        { "public-register", "grounds", true, R.PublicTask | R.CompellingGrounds },
        { "public-register", "gpc", true, R.PublicTask },
        // legitimate interests with a balancing objection
        { "website-operation", "none", true, R.LegitimateInterests },
        { "website-operation", "restricted", false, R.Restricted },
        { "website-operation", "lifted", true, R.LegitimateInterests },
        { "website-operation", "objected", false, R.Objected },
        { "website-operation", "grounds", true, R.LegitimateInterests | R.CompellingGrounds },
        { "website-operation", "dm-objection", true, R.LegitimateInterests },
        { "website-operation", "gpc", true, R.LegitimateInterests },
        // legitimate interests, direct marketing: objection is absolute, grounds cannot override it
        { "sales-leads", "none", true, R.LegitimateInterests },
        { "sales-leads", "objected", false, R.Objected },
        { "sales-leads", "grounds", false, R.Objected },
        { "sales-leads", "dm-objection", false, R.ObjectedToDirectMarketing },
        { "sales-leads", "gpc", false, R.GlobalPrivacyControl },
        { "sales-leads", "restricted", false, R.Restricted },
        // legitimate interests, opt-out ("send usage data" on until switched off)
        { "usage-telemetry", "none", true, R.LegitimateInterests | R.NotOptedOut },
        { "usage-telemetry", "withdrawn", false, R.OptedOut },
        { "usage-telemetry", "consent", true, R.LegitimateInterests | R.NotOptedOut },
        { "usage-telemetry", "objected", false, R.Objected },
        { "usage-telemetry", "restricted", false, R.Restricted },
        // consent, opt-in, lifetime 1 year, terms changed in v2
        { "website-analytics", "none", false, R.NoConsent },
        { "website-analytics", "consent", true, R.ConsentGiven },
        { "website-analytics", "withdrawn", false, R.ConsentWithdrawn },
        { "website-analytics", "outdated", false, R.ConsentOutdated },
        { "website-analytics", "unknown-version", false, R.ConsentOutdated },
        { "website-analytics", "expired", false, R.ConsentExpired },
        { "website-analytics", "restricted", false, R.Restricted | R.NoConsent },
        { "website-analytics", "restricted-consent", false, R.Restricted },
        { "website-analytics", "lifted", false, R.NoConsent },
        { "website-analytics", "objected", false, R.NoConsent },
        { "website-analytics", "gpc", false, R.NoConsent },
        { "website-analytics", "dm-objection", false, R.NoConsent },
        // consent to direct marketing: GPC and a marketing objection withdraw it, a later consent gives it again
        { "newsletter", "consent", true, R.ConsentGiven },
        { "newsletter", "expired", true, R.ConsentGiven },
        { "newsletter", "consent-then-gpc", false, R.GlobalPrivacyControl },
        { "newsletter", "gpc-then-consent", true, R.ConsentGiven },
        { "newsletter", "consent-then-dm-objection", false, R.ObjectedToDirectMarketing },
        { "newsletter", "dm-objection-then-consent", true, R.ConsentGiven },
        { "newsletter", "outdated", false, R.ConsentOutdated },
        // consent to sharing for advertising: GPC applies
        { "campaign-tracking", "consent-then-gpc", false, R.GlobalPrivacyControl },
        { "campaign-tracking", "consent", true, R.ConsentGiven },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Decide_BasisAndState_GivesOutcomeAndReasons(string activity, string state, bool allowed, R reasons)
    {
        var decision = Engine.Decide(Engine.StateFrom(State(state, activity)), activity, Now);

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(reasons, decision.Reasons);
    }

    [Fact]
    public void Decide_UnknownActivity_Denies()
    {
        var decision = Engine.Decide(Engine.EmptyState(), "no-such-activity", Now);

        Assert.Equal(new Decision(DecisionOutcome.Deny, R.UnknownActivity), decision);
    }

    [Fact]
    public void Decide_ConsentLifetime_ExpiresOnTheCalendarDay()
    {
        var given = Now.AddYears(-1);
        var state = Engine.StateFrom([new StateRow(1, StateFacet.Consent, "website-analytics", 1, null, StoreTime.ToMicros(given), 1, "v2")]);

        Assert.True(Engine.Decide(state, "website-analytics", Now.AddTicks(-10)).Allowed);
        Assert.Equal(R.ConsentExpired, Engine.Decide(state, "website-analytics", Now).Reasons);
    }

    [Fact]
    public void Decide_WarmState_AllocatesNothing()
    {
        var state = Engine.StateFrom(State("consent", "website-analytics"));
        var activity = Engine.IndexOf("website-analytics");
        Engine.Decide(state, activity, Now);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            Engine.Decide(state, activity, Now);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Explain_Deny_NamesEveryDenyingReason()
    {
        var decision = Engine.Decide(Engine.StateFrom(State("restricted", "website-analytics")), "website-analytics", Now);

        Assert.Equal("deny: processing of the subject's data is restricted; the subject has not given consent", decision.Explain());
        Assert.Equal(["restricted", "no_consent"], decision.Codes);
    }

    [Fact]
    public void Compile_NoVersionsDeployed_AcceptsConsentUnderAnyVersion()
    {
        var engine = DecisionEngine.Compile(TestPolicy.Policy, PolicyVersionHistory.Empty);

        var decision = engine.Decide(engine.StateFrom(State("unknown-version", "website-analytics")), "website-analytics", Now);

        Assert.True(decision.Allowed);
    }
}
