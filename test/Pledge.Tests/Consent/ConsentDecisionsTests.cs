using Pledge.Consent;
using Pledge.Storage;
using Pledge.Tests.Support;

namespace Pledge.Tests.Consent;

/// <summary>The batch form: a mailing list filtered against an activity, on both stores.</summary>
public abstract class ConsentDecisionsTests : LedgerTests
{
    [Fact]
    public async Task DecideManyAsync_MailingList_KeepsOnlyThoseWhoMayBeMailed()
    {
        await Ledger.AppendManyAsync([.. Enumerable.Range(0, 2500).Where(i => i % 2 == 0).Select(i => Event($"email:p{i}@example.com", LedgerEventKind.ConsentGiven, "newsletter"))]);

        await AppendAsync(Event("email:p4@example.com", LedgerEventKind.ConsentWithdrawn, "newsletter"));
        await AppendAsync(Event("email:p6@example.com", LedgerEventKind.Objection, null));
        var list = Enumerable.Range(0, 2500).Select(i => Id($"email:p{i}@example.com")).ToList();
        var decisions = new ConsentDecisions(Store, DecisionEngine.Compile(TestPolicy.Policy, Ledger.Versions));

        var results = new List<SubjectDecision>();
        await foreach (var d in decisions.DecideManyAsync(list, "newsletter", Time.GetUtcNow()))
        {
            results.Add(d);
        }

        Assert.Equal(list, results.Select(r => r.Subject));
        Assert.Equal(1248, results.Count(r => r.Decision.Allowed));
        Assert.Equal(DecisionReasons.ConsentWithdrawn, results[4].Decision.Reasons);
        Assert.Equal(DecisionReasons.ObjectedToDirectMarketing, results[6].Decision.Reasons);
        Assert.Equal(DecisionReasons.NoConsent, results[1].Decision.Reasons);
    }
}

public sealed class SqliteConsentDecisionsTests : ConsentDecisionsTests
{
    protected override Task<StoreLocation> NewLocationAsync() => Task.FromResult(SqliteStore.NewLocation());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresConsentDecisionsTests(PostgresServer server) : ConsentDecisionsTests
{
    protected override Task<StoreLocation> NewLocationAsync() => PostgresStore.NewLocationAsync(server);
}
