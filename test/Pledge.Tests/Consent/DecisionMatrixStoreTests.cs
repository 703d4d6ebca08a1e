using Pledge.Consent;
using Pledge.Storage;
using Pledge.Tests.Support;
using R = Pledge.Consent.DecisionReasons;

namespace Pledge.Tests.Consent;

/// <summary>
/// The decision matrix again, end to end: the states are made by appending real events to the ledger of each store,
/// and the decisions read back from the projection. (DecisionEngineTests covers every cell without a store.)
/// </summary>
public abstract class DecisionMatrixStoreTests : LedgerTests
{
    // Each step is "kind:activity@days-ago"; activity "-" for none.
    public static TheoryData<string, string, bool, R> Matrix => new()
    {
        { "events-and-competitions", "", true, R.Contract },
        { "events-and-competitions", "restriction_placed:-@5", false, R.Restricted },
        { "events-and-competitions", "restriction_placed:-@5 restriction_lifted:-@1", true, R.Contract },
        { "billing", "restriction_placed:-@5", true, R.LegalObligation | R.ExemptFromRestriction },
        { "emergency-contact", "objection:-@5", true, R.VitalInterests },
        { "public-register", "objection:public-register@5", false, R.Objected },
        { "public-register", "objection:public-register@5 compelling_grounds:public-register@1", true, R.PublicTask | R.CompellingGrounds },
        { "website-operation", "objection:website-operation@5", false, R.Objected },
        { "website-operation", "objection:website-operation@5 compelling_grounds:website-operation@2 objection:website-operation@1", false, R.Objected },
        { "sales-leads", "objection:-@5", false, R.ObjectedToDirectMarketing },
        { "sales-leads", "gpc:-@5", false, R.GlobalPrivacyControl },
        { "usage-telemetry", "", true, R.LegitimateInterests | R.NotOptedOut },
        { "usage-telemetry", "consent_withdrawn:usage-telemetry@5", false, R.OptedOut },
        { "usage-telemetry", "consent_withdrawn:usage-telemetry@5 consent_given:usage-telemetry@1", true, R.LegitimateInterests | R.NotOptedOut },
        { "website-analytics", "", false, R.NoConsent },
        { "website-analytics", "consent_given:website-analytics@30", true, R.ConsentGiven },
        { "website-analytics", "consent_given:website-analytics@30 consent_withdrawn:website-analytics@3", false, R.ConsentWithdrawn },
        { "website-analytics", "consent_given:website-analytics@400", false, R.ConsentExpired },
        { "website-analytics", "consent_given:website-analytics@400 consent_given:website-analytics@2", true, R.ConsentGiven },
        { "website-analytics", "consent_given:website-analytics@30 restriction_placed:-@1", false, R.Restricted },
        { "newsletter", "consent_given:newsletter@30 gpc:-@5", false, R.GlobalPrivacyControl },
        { "newsletter", "gpc:-@30 consent_given:newsletter@5", true, R.ConsentGiven },
        { "newsletter", "consent_given:newsletter@30 objection:-@5", false, R.ObjectedToDirectMarketing },
        { "newsletter", "objection:-@30 consent_given:newsletter@5", true, R.ConsentGiven },
        // Recorded out of time order: the later event in time wins, whatever the order of recording.
        { "newsletter", "consent_withdrawn:newsletter@1 consent_given:newsletter@10", false, R.ConsentWithdrawn },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task DecideAsync_StateMadeFromEvents_GivesOutcomeAndReasons(string activity, string steps, bool allowed, R reasons)
    {
        foreach (var step in steps.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (what, days) = (step[..step.IndexOf('@')], int.Parse(step[(step.IndexOf('@') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            var (kindText, target) = (what[..what.IndexOf(':')], what[(what.IndexOf(':') + 1)..]);
            var gpc = kindText == "gpc";
            LedgerCodes.TryParseKind(gpc ? "consent_withdrawn" : kindText, out var kind);
            await AppendAsync(Event("email:ada@example.com", kind, target == "-" ? null : target, at: Time.GetUtcNow().AddDays(-days),
                signal: gpc ? ConsentSignal.GlobalPrivacyControl : ConsentSignal.None));
        }

        var decision = await DecideAsync("email:ada@example.com", activity);

        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(reasons, decision.Reasons);
    }
}

public sealed class SqliteDecisionMatrixStoreTests : DecisionMatrixStoreTests
{
    protected override Task<StoreLocation> NewLocationAsync() => Task.FromResult(SqliteStore.NewLocation());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDecisionMatrixStoreTests(PostgresServer server) : DecisionMatrixStoreTests
{
    protected override Task<StoreLocation> NewLocationAsync() => PostgresStore.NewLocationAsync(server);
}
