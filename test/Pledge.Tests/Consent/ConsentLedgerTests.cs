using Pledge.Audit;
using Pledge.Consent;
using Pledge.Storage;
using Pledge.Tests.Support;

namespace Pledge.Tests.Consent;

/// <summary>The ledger's contract on both stores: evidence, idempotency, subjects, erasure, projection, audit.</summary>
public abstract class ConsentLedgerTests : LedgerTests
{
    [Fact]
    public async Task AppendAsync_NewIdentifier_CreatesTheSubjectAndKeepsTheEvidence()
    {
        var e = Event("email: Ada@Example.COM ", LedgerEventKind.ConsentGiven, "newsletter", key: "form-1") with
        {
            Evidence = new Evidence(Time.GetUtcNow().AddMinutes(-3), TestPolicy.Version, EvidenceChannel.CookieBanner, "subject", "form-1", ConsentSignal.None),
        };

        var result = await AppendAsync(e);

        var stored = Assert.Single(await LedgerHistory.OfSubjectAsync(Store, result.SubjectId));
        Assert.Equal((LedgerEventKind.ConsentGiven, "newsletter", TestPolicy.Version, "cookie_banner", "subject", "form-1"),
            (stored.Kind, stored.Activity, stored.PolicyVersion, stored.Channel, stored.Actor, stored.IdempotencyKey));
        Assert.Equal(Time.GetUtcNow().AddMinutes(-3), stored.At);
        Assert.Equal(Time.GetUtcNow(), stored.RecordedAt);
        Assert.Equal(["email:ada@example.com"], await Store.ReadAsync((s, ct) => SubjectDirectory.IdentifiersAsync(s, result.SubjectId, ct)));
    }

    [Fact]
    public async Task AppendAsync_RetriedKey_StoredOnceAndReturnsTheOriginal()
    {
        var first = await AppendAsync(Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "newsletter", key: "k-1"));
        var retry = await AppendAsync(Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "newsletter", key: "k-1"));

        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.Equal(first.Sequence, retry.Sequence);
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM ledger_events WHERE idempotency_key = 'k-1'"));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'consent.consent_given'"));
    }

    [Fact]
    public async Task AppendManyAsync_SameKeyConcurrently_StoredOnce()
    {
        var events = Enumerable.Range(0, 50).Select(_ => Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "newsletter", key: "same")).ToList();

        var results = await Ledger.AppendManyAsync(events);

        Assert.Single(results.Select(r => r.Sequence).Distinct());
        Assert.Equal(49, results.Count(r => r.Duplicate));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM ledger_events"));
    }

    [Fact]
    public async Task AppendAsync_RetryAfterRestart_StillStoredOnce()
    {
        var first = await AppendAsync(Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "newsletter", key: "k-restart"));
        await ReopenAsync();

        var retry = await AppendAsync(Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "newsletter", key: "k-restart"));

        Assert.True(retry.Duplicate);
        Assert.Equal(first.Sequence, retry.Sequence);
    }

    [Theory]
    [InlineData(LedgerEventKind.ConsentGiven, "no-such-activity", LedgerErrorCode.UnknownActivity)]
    [InlineData(LedgerEventKind.ConsentGiven, "events-and-competitions", LedgerErrorCode.NoConsentForActivity)]
    [InlineData(LedgerEventKind.ConsentGiven, null, LedgerErrorCode.ActivityRequired)]
    [InlineData(LedgerEventKind.Objection, "billing", LedgerErrorCode.ObjectionNotApplicable)]
    [InlineData(LedgerEventKind.CompellingGrounds, "sales-leads", LedgerErrorCode.NoBalancingForActivity)]
    [InlineData(LedgerEventKind.RestrictionPlaced, "newsletter", LedgerErrorCode.ActivityNotExpected)]
    [InlineData(LedgerEventKind.PreferenceSet, null, LedgerErrorCode.MissingPreference)]
    [InlineData(LedgerEventKind.Erased, null, LedgerErrorCode.NotAppendable)]
    public async Task AppendAsync_EventThatMakesNoSense_IsRefusedAndNothingWritten(LedgerEventKind kind, string? activity, LedgerErrorCode code)
    {
        var result = await Ledger.AppendAsync(Event("email:ada@example.com", kind, activity));

        Assert.Equal(code, result.Error?.Code);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM ledger_events"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM subjects"));
    }

    [Fact]
    public async Task AppendAsync_UndeployedPolicyVersionOrFutureTime_IsRefused()
    {
        var version = await Ledger.AppendAsync(Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "newsletter", version: "1999.1"));
        var future = await Ledger.AppendAsync(Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "newsletter", at: Time.GetUtcNow().AddHours(1)));

        Assert.Equal(LedgerErrorCode.UnknownPolicyVersion, version.Error?.Code);
        Assert.Equal(LedgerErrorCode.FutureTime, future.Error?.Code);
    }

    [Fact]
    public async Task LinkAsync_SecondIdentifier_EventsThroughEitherReachOneSubject()
    {
        await Store.WriteAsync((tx, ct) => SubjectDirectory.LinkAsync(tx, Id("email:ada@example.com"), Id("account_id:A-1"), "staff:jo", Pseudonyms, ct));

        var byEmail = await AppendAsync(Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "newsletter"));
        var byAccount = await AppendAsync(Event("account_id:A-1", LedgerEventKind.ConsentWithdrawn, "newsletter"));

        Assert.Equal(byEmail.SubjectId, byAccount.SubjectId);
        Assert.Equal(DecisionReasons.ConsentWithdrawn, (await DecideAsync("email:ada@example.com", "newsletter")).Reasons);
    }

    [Fact]
    public async Task LinkAsync_IdentifierOfAnotherSubject_IsNotMerged()
    {
        await AppendAsync(Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "newsletter"));
        await AppendAsync(Event("account_id:A-2", LedgerEventKind.ConsentGiven, "newsletter"));

        var outcome = await Store.WriteAsync((tx, ct) => SubjectDirectory.LinkAsync(tx, Id("email:ada@example.com"), Id("account_id:A-2"), "staff:jo", Pseudonyms, ct));

        Assert.Equal(LinkOutcome.BelongsToAnotherSubject, outcome);
    }

    [Fact]
    public async Task EraseAsync_Subject_PseudonymisesIdentifiersAndKeepsTheProof()
    {
        var given = await AppendAsync(Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "newsletter"));
        await Store.WriteAsync((tx, ct) => SubjectDirectory.LinkAsync(tx, Id("email:ada@example.com"), Id("phone:+44 1223 000000"), "staff:jo", Pseudonyms, ct));

        Assert.True(await Ledger.EraseAsync(Id("email:ada@example.com"), "staff:jo"));

        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM subject_identifiers WHERE key LIKE '%ada%' OR key LIKE '%1223%'"));
        Assert.Equal(2, await ScalarAsync("SELECT count(*) FROM subject_identifiers WHERE pseudonymised = 1"));
        var history = await LedgerHistory.OfSubjectAsync(Store, given.SubjectId);
        Assert.Equal([LedgerEventKind.ConsentGiven, LedgerEventKind.Erased], history.Select(h => h.Kind));
        // Whoever holds the key and the address can still find the proof.
        var found = await Store.ReadAsync((s, ct) => SubjectDirectory.FindAsync(s, Id("email:ada@example.com"), Pseudonyms, ct));
        Assert.Equal(new SubjectLookup(given.SubjectId, true), found);
        // Without the key the person is gone: the same address later is a new subject with no consent.
        Assert.Null(await Store.ReadAsync((s, ct) => SubjectDirectory.FindAsync(s, Id("email:ada@example.com"), null, ct)));
        Assert.Equal(DecisionReasons.NoConsent, (await DecideAsync("email:ada@example.com", "newsletter")).Reasons);
        Assert.False(await Ledger.EraseAsync(Id("email:ada@example.com"), "staff:jo"));
        Assert.True((await AuditLog.VerifyAsync(Store)).Intact);
    }

    [Fact]
    public async Task AppendAsync_EveryEvent_AuditedUnderAPseudonymOnly()
    {
        var result = await AppendAsync(Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "newsletter"));
        await AppendAsync(Event("email:ada@example.com", LedgerEventKind.Objection, null));

        var subject = Pseudonyms.Subject(result.SubjectId).Value;
        Assert.Equal(2, await ScalarAsync($"SELECT count(*) FROM audit_log WHERE subject = '{subject}' AND action LIKE 'consent.%'"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM audit_log WHERE subject LIKE '%ada%' OR detail LIKE '%ada%' OR actor LIKE '%ada%'"));
        Assert.True((await AuditLog.VerifyAsync(Store)).Intact);
    }

    [Fact]
    public async Task AppendManyAsync_ManyConcurrentCallers_AllDurableAndChained()
    {
        var events = Enumerable.Range(0, 2000).Select(i => Event($"account_id:A-{i % 300}", i % 3 == 0 ? LedgerEventKind.ConsentWithdrawn : LedgerEventKind.ConsentGiven, "newsletter")).ToList();

        var results = await Task.WhenAll(events.Select(e => Ledger.AppendAsync(e)));

        Assert.All(results, r => Assert.True(r.Accepted));
        Assert.Equal(2000, results.Select(r => r.Sequence).Distinct().Count());
        Assert.Equal(300, await ScalarAsync("SELECT count(*) FROM subjects"));
        Assert.True((await AuditLog.VerifyAsync(Store)).Intact);
    }

    [Fact]
    public async Task AppendAsync_OverlappingGroupCommitsWithRetriesAndOtherWriters_StoredOnceStateRebuildsChainIntact()
    {
        // Group commits in flight together (PostgreSQL) share subjects, state rows and keys, while other units of work
        // append audit entries between them: each key is stored once, each new event audited once, in one chain.
        var events = Enumerable.Range(0, 3000).Select(i => Event($"account_id:A-{i % 50}", i % 4 == 0 ? LedgerEventKind.ConsentWithdrawn : LedgerEventKind.ConsentGiven,
            i % 2 == 0 ? "newsletter" : "website-analytics", key: $"k-{i % 2500}")).ToList();

        var appends = events.Select(e => Ledger.AppendAsync(e)).ToList();
        var others = Enumerable.Range(0, 20).Select(i => AuditLog.AppendAsync(Store, new AuditEntry("test", "test.other", null, $"other {i}"))).ToList();
        var results = await Task.WhenAll(appends);
        await Task.WhenAll(others);

        Assert.All(results, r => Assert.True(r.Accepted));
        Assert.Equal(2500, results.Select(r => r.Sequence).Distinct().Count());
        Assert.Equal(500, results.Count(r => r.Duplicate));
        Assert.Equal(2500, await ScalarAsync("SELECT count(*) FROM ledger_events"));
        Assert.Equal(2500, await ScalarAsync("SELECT count(*) FROM audit_log WHERE action LIKE 'consent.%'"));
        Assert.Equal(20, await ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'test.other'"));
        var incremental = await ConsentProjection.LoadAllAsync(Store);
        await ConsentProjection.RebuildAsync(Store, "test");
        Assert.Equal(incremental, await ConsentProjection.LoadAllAsync(Store));
        Assert.True((await AuditLog.VerifyAsync(Store)).Intact);
    }

    [Fact]
    public async Task RebuildAsync_AfterMixedEventsOutOfTimeOrder_EqualsTheIncrementalState()
    {
        var random = new Random(42);
        var kinds = new[] { LedgerEventKind.ConsentGiven, LedgerEventKind.ConsentWithdrawn, LedgerEventKind.Objection, LedgerEventKind.RestrictionPlaced, LedgerEventKind.RestrictionLifted, LedgerEventKind.PreferenceSet };
        for (var round = 0; round < 5; round++)
        {
            var events = Enumerable.Range(0, 200).Select(i =>
            {
                var kind = kinds[random.Next(kinds.Length)];
                var activity = kind switch
                {
                    LedgerEventKind.ConsentGiven or LedgerEventKind.ConsentWithdrawn => random.Next(2) == 0 ? "newsletter" : "website-analytics",
                    LedgerEventKind.Objection => random.Next(2) == 0 ? null : "website-operation",
                    _ => null,
                };
                // Times deliberately out of order and sometimes equal: the latest by (time, sequence) must win both ways.
                var at = Time.GetUtcNow().AddMinutes(-random.Next(0, 50));
                var preference = kind == LedgerEventKind.PreferenceSet ? new Preference("email", random.Next(2) == 0 ? "news" : "events", random.Next(2) == 0 ? "weekly" : "never") : null;
                return Event($"account_id:A-{random.Next(40)}", kind, activity, at: at, preference: preference);
            }).ToList();
            await Ledger.AppendManyAsync(events);
        }

        var incremental = await ConsentProjection.LoadAllAsync(Store);
        var replayed = await ConsentProjection.RebuildAsync(Store, "test");
        var rebuilt = await ConsentProjection.LoadAllAsync(Store);

        Assert.Equal(1000, replayed);
        Assert.NotEmpty(incremental);
        Assert.Equal(incremental, rebuilt);
        Assert.True((await AuditLog.VerifyAsync(Store)).Intact);
    }

    [Fact]
    public async Task LedgerEvents_UpdateOrDelete_IsRefusedByTheStore()
    {
        await AppendAsync(Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "newsletter"));

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteRawAsync("UPDATE ledger_events SET activity = 'x'"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteRawAsync("DELETE FROM ledger_events"));
    }

    [Fact]
    public async Task Subjects_Delete_IsRefusedByTheStore()
    {
        // Events no longer carry a per-row foreign key to their subject on PostgreSQL: the store keeps subjects instead.
        await AppendAsync(Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "newsletter"));

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteRawAsync("DELETE FROM subjects"));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM subjects"));
    }

    [Fact]
    public async Task Pseudonymizer_OtherKeyOnTheSameStore_IsRefused()
    {
        var other = PseudonymKey.Parse(new string('8', 64)).Key!;

        var error = await Assert.ThrowsAsync<StoreException>(() => Pseudonymizer.ForStoreAsync(Store, other));

        Assert.Equal(StoreErrorKind.PseudonymKeyMismatch, error.Kind);
    }
}

public sealed class SqliteConsentLedgerTests : ConsentLedgerTests
{
    protected override Task<StoreLocation> NewLocationAsync() => Task.FromResult(SqliteStore.NewLocation());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresConsentLedgerTests(PostgresServer server) : ConsentLedgerTests
{
    protected override Task<StoreLocation> NewLocationAsync() => PostgresStore.NewLocationAsync(server);
}
