using Pledge.Audit;
using Pledge.Consent;
using Pledge.Storage;
using Pledge.Tests.Support;
using R = Pledge.Consent.DecisionReasons;

namespace Pledge.Tests.Consent;

/// <summary>
/// The cache the decision API answers from, on both stores: it never serves a state older than a change this process
/// committed, and serves another process's change once the feed has been read (or, with the feed unread for too long,
/// reads the store).
/// </summary>
public abstract class SubjectStateCacheTests : LedgerTests
{
    private const string Ada = "email:ada@example.com";

    private readonly List<IAsyncDisposable> _opened = [];

    protected List<IAsyncDisposable> Opened => _opened;

    private DecisionEngine Engine => DecisionEngine.Compile(TestPolicy.Policy, Ledger.Versions);

    public override async Task DisposeAsync()
    {
        foreach (var opened in Enumerable.Reverse(_opened))
        {
            await opened.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task GetAsync_WarmSubject_AnswersFromMemory()
    {
        var (cache, decisions) = await OpenAsync();
        await AppendAsync(Event(Ada, LedgerEventKind.ConsentGiven, "newsletter"));

        Assert.True((await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow())).Allowed);
        await ExecuteRawAsync("DELETE FROM consent_state");   // behind Pledge's back: only a cached state can still say allow
        Assert.True((await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow())).Allowed);

        Assert.Equal((1L, 1L), cache.Counts);
    }

    [Fact]
    public async Task GetAsync_AfterThisProcessAppends_SeesTheChangeWithoutReadingTheFeed()
    {
        var (_, decisions) = await OpenAsync();
        Assert.Equal(R.NoConsent, (await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow())).Reasons);

        await AppendAsync(Event(Ada, LedgerEventKind.ConsentGiven, "newsletter"));
        Assert.Equal(R.ConsentGiven, (await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow())).Reasons);

        await AppendAsync(Event(Ada, LedgerEventKind.ConsentWithdrawn, "newsletter"));
        Assert.Equal(R.ConsentWithdrawn, (await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow())).Reasons);
    }

    [Theory]
    [MemberData(nameof(DecisionMatrixStoreTests.Matrix), MemberType = typeof(DecisionMatrixStoreTests))]
    public async Task DecideAsync_WarmedAfterEveryStep_AgreesWithTheStore(string activity, string steps, bool allowed, R reasons)
    {
        var (_, cached) = await OpenAsync();
        var uncached = new ConsentDecisions(Store, Engine);
        await cached.DecideAsync(Id(Ada), activity, Time.GetUtcNow());
        foreach (var step in steps.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (what, days) = (step[..step.IndexOf('@')], int.Parse(step[(step.IndexOf('@') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            var (kindText, target) = (what[..what.IndexOf(':')], what[(what.IndexOf(':') + 1)..]);
            var gpc = kindText == "gpc";
            LedgerCodes.TryParseKind(gpc ? "consent_withdrawn" : kindText, out var kind);
            await AppendAsync(Event(Ada, kind, target == "-" ? null : target, at: Time.GetUtcNow().AddDays(-days), signal: gpc ? ConsentSignal.GlobalPrivacyControl : ConsentSignal.None));

            Assert.Equal((await uncached.DecideAsync(Id(Ada), activity, Time.GetUtcNow())).Reasons, (await cached.DecideAsync(Id(Ada), activity, Time.GetUtcNow())).Reasons);
        }

        var decision = await cached.DecideAsync(Id(Ada), activity, Time.GetUtcNow());
        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(reasons, decision.Reasons);
    }

    [Fact]
    public async Task ReadChangesAsync_AnotherProcessWithdraws_DecisionFollowsAfterTheFeedIsRead()
    {
        await AppendAsync(Event(Ada, LedgerEventKind.ConsentGiven, "newsletter"));
        var (cache, decisions) = await OpenAsync(poll: false);
        Assert.True((await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow())).Allowed);
        var other = await OpenOtherProcessAsync();

        Assert.True((await other.AppendAsync(Event(Ada, LedgerEventKind.ConsentWithdrawn, "newsletter"))).Accepted);
        Assert.True((await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow())).Allowed);   // not yet seen: at most one poll interval

        Assert.True(await cache.ReadChangesAsync());
        Assert.Equal(R.ConsentWithdrawn, (await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow())).Reasons);
    }

    [Fact]
    public async Task ReadChangesAsync_UnknownIdentifierGetsASubjectElsewhere_IsKnownAfterTheFeedIsRead()
    {
        var (cache, decisions) = await OpenAsync(poll: false);
        const string Bo = "email:bo@example.com";
        Assert.Equal(R.NoConsent, (await decisions.DecideAsync(Id(Bo), "newsletter", Time.GetUtcNow())).Reasons);
        var other = await OpenOtherProcessAsync();

        Assert.True((await other.AppendAsync(Event(Bo, LedgerEventKind.ConsentGiven, "newsletter"))).Accepted);
        Assert.True(await cache.ReadChangesAsync());

        Assert.Equal(R.ConsentGiven, (await decisions.DecideAsync(Id(Bo), "newsletter", Time.GetUtcNow())).Reasons);
    }

    [Fact]
    public async Task ReadChangesAsync_IdentifierLinkedElsewhere_DecidesByTheLinkedSubject()
    {
        await AppendAsync(Event(Ada, LedgerEventKind.ConsentGiven, "newsletter"));
        var (cache, decisions) = await OpenAsync(poll: false);
        const string Phone = "phone:+442079460958";
        Assert.False((await decisions.DecideAsync(Id(Phone), "newsletter", Time.GetUtcNow())).Allowed);
        await using var other = await OpenStoreAsync();
        var pseudonyms = await Pseudonymizer.ForStoreAsync(other, Key);

        Assert.Equal(LinkOutcome.Linked, await other.WriteAsync((tx, ct) => SubjectDirectory.LinkAsync(tx, Id(Ada), Id(Phone), "test", pseudonyms, ct)));
        Assert.True(await cache.ReadChangesAsync());

        Assert.True((await decisions.DecideAsync(Id(Phone), "newsletter", Time.GetUtcNow())).Allowed);
    }

    [Fact]
    public async Task ReadChangesAsync_SubjectErasedElsewhere_IdentifierIsUnknownAgain()
    {
        var subject = (await AppendAsync(Event(Ada, LedgerEventKind.ConsentGiven, "newsletter"))).SubjectId;
        var (cache, decisions) = await OpenAsync(poll: false);
        Assert.True((await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow())).Allowed);
        await using var other = await OpenStoreAsync();
        var pseudonyms = await Pseudonymizer.ForStoreAsync(other, Key);

        var evidence = new Evidence(Time.GetUtcNow(), TestPolicy.Version, EvidenceChannel.Api, "test", "erase-1", ConsentSignal.None);
        Assert.True(await other.WriteAsync((tx, ct) => SubjectDirectory.EraseAsync(tx, subject, evidence, pseudonyms, ct)));
        Assert.True(await cache.ReadChangesAsync());

        Assert.Equal(R.NoConsent, (await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow())).Reasons);
    }

    [Fact]
    public async Task ReadChangesAsync_RebuildElsewhere_StartsEmpty()
    {
        await AppendAsync(Event(Ada, LedgerEventKind.ConsentGiven, "newsletter"));
        var (cache, decisions) = await OpenAsync(poll: false);
        await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow());
        await using var other = await OpenStoreAsync();

        await ConsentProjection.RebuildAsync(other, "test");
        Assert.True(await cache.ReadChangesAsync());
        await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow());

        Assert.Equal((0L, 2L), cache.Counts);
    }

    [Fact]
    public async Task GetAsync_FeedUnreadForLongerThanMaxStaleness_ReadsTheStore()
    {
        await AppendAsync(Event(Ada, LedgerEventKind.ConsentGiven, "newsletter"));
        var (_, decisions) = await OpenAsync(poll: false);
        Assert.True((await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow())).Allowed);
        var other = await OpenOtherProcessAsync();
        Assert.True((await other.AppendAsync(Event(Ada, LedgerEventKind.ConsentWithdrawn, "newsletter"))).Accepted);

        Time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(R.ConsentWithdrawn, (await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow())).Reasons);
    }

    [Fact]
    public async Task ReadChangesAsync_ChangesOlderThanTheCache_AreNotReported()
    {
        await AppendAsync(Event(Ada, LedgerEventKind.ConsentGiven, "newsletter"));
        var (cache, decisions) = await OpenAsync(poll: false);
        await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow());

        Assert.True(await cache.ReadChangesAsync());
        await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow());

        Assert.Equal((1L, 1L), cache.Counts);
    }

    [Fact]
    public async Task GetAsync_MoreSubjectsThanCapacity_StaysBoundedAndCorrect()
    {
        var (cache, decisions) = await OpenAsync(capacity: 8);
        var subjects = Enumerable.Range(0, 40).Select(i => $"email:p{i}@example.com").ToList();
        await Ledger.AppendManyAsync([.. subjects.Where((_, i) => i % 3 == 0).Select(s => Event(s, LedgerEventKind.ConsentGiven, "newsletter"))]);

        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < subjects.Count; i++)
            {
                Assert.Equal(i % 3 == 0, (await decisions.DecideAsync(Id(subjects[i]), "newsletter", Time.GetUtcNow())).Allowed);
            }
        }

        // One subject asked again and again stays warm, however many others pass through.
        for (var i = 0; i < subjects.Count; i++)
        {
            await decisions.DecideAsync(Id(subjects[0]), "newsletter", Time.GetUtcNow());
            await decisions.DecideAsync(Id(subjects[i]), "newsletter", Time.GetUtcNow());
        }

        Assert.True(cache.Counts.Hits >= subjects.Count - 1, $"hits {cache.Counts.Hits}");
    }

    [Fact]
    public async Task GetAsync_ChangeCommitsWhileTheStateIsRead_OldStateIsNotKept()
    {
        await AppendAsync(Event(Ada, LedgerEventKind.ConsentGiven, "newsletter"));
        var (cache, decisions) = await OpenAsync();
        var once = 0;
        cache.AfterLoad = async () =>
        {
            if (Interlocked.Exchange(ref once, 1) == 0)
            {
                await AppendAsync(Event(Ada, LedgerEventKind.ConsentWithdrawn, "newsletter"));
            }
        };

        Assert.True((await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow())).Allowed);   // read before the withdrawal committed

        Assert.Equal(R.ConsentWithdrawn, (await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow())).Reasons);
    }

    [Fact]
    public async Task GetAsync_IdentifierCreatedWhileReadAsUnknown_UnknownIsNotKept()
    {
        var (cache, decisions) = await OpenAsync();
        var once = 0;
        cache.AfterLoad = async () =>
        {
            if (Interlocked.Exchange(ref once, 1) == 0)
            {
                await AppendAsync(Event(Ada, LedgerEventKind.ConsentGiven, "newsletter"));
            }
        };

        Assert.False((await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow())).Allowed);

        Assert.True((await decisions.DecideAsync(Id(Ada), "newsletter", Time.GetUtcNow())).Allowed);
    }

    [Fact]
    public async Task GetAsync_ConcurrentWritesAndDecisions_EndsAgreeingWithTheStore()
    {
        var (cache, decisions) = await OpenAsync();
        var uncached = new ConsentDecisions(Store, Engine);
        var subjects = Enumerable.Range(0, 6).Select(i => $"email:c{i}@example.com").ToArray();
        var random = new Random(7);
        var kinds = new[] { LedgerEventKind.ConsentGiven, LedgerEventKind.ConsentWithdrawn };
        var writes = Enumerable.Range(0, 200).Select(i => (Subject: subjects[random.Next(subjects.Length)], Kind: kinds[random.Next(2)], Offset: i)).ToList();

        var writer = Task.Run(async () =>
        {
            foreach (var (subject, kind, offset) in writes)
            {
                Assert.True((await Ledger.AppendAsync(Event(subject, kind, "newsletter", at: Time.GetUtcNow().AddSeconds(offset - 1000)))).Accepted);
            }
        });
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!writer.IsCompleted)
            {
                foreach (var subject in subjects)
                {
                    await decisions.DecideAsync(Id(subject), "newsletter", Time.GetUtcNow());
                }
            }
        })).ToList();
        await writer;
        await Task.WhenAll(readers);

        foreach (var subject in subjects)
        {
            Assert.Equal((await uncached.DecideAsync(Id(subject), "newsletter", Time.GetUtcNow())).Reasons,
                (await decisions.DecideAsync(Id(subject), "newsletter", Time.GetUtcNow())).Reasons);
        }

        Assert.True(cache.Counts.Hits > 0);
    }

    protected async Task<(SubjectStateCache Cache, ConsentDecisions Decisions)> OpenAsync(bool poll = true, int capacity = 1000)
    {
        var engine = Engine;
        var cache = await SubjectStateCache.OpenAsync(Store, engine, new SubjectStateCacheOptions { Capacity = capacity }, poll);
        _opened.Add(cache);
        return (cache, new ConsentDecisions(Store, engine, cache));
    }

    /// <summary>Another process on the same store: its own connections, pseudonymizer and ledger.</summary>
    protected async Task<ConsentLedger> OpenOtherProcessAsync()
    {
        var store = await OpenStoreAsync();
        _opened.Add(store);
        var ledger = await ConsentLedger.OpenAsync(store, TestPolicy.Policy, await Pseudonymizer.ForStoreAsync(store, Key));
        _opened.Add(ledger);
        return ledger;
    }
}

public sealed class SqliteSubjectStateCacheTests : SubjectStateCacheTests
{
    protected override Task<StoreLocation> NewLocationAsync() => Task.FromResult(SqliteStore.NewLocation());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSubjectStateCacheTests(PostgresServer server) : SubjectStateCacheTests
{
    protected override Task<StoreLocation> NewLocationAsync() => PostgresStore.NewLocationAsync(server);

    /// <summary>
    /// Transaction ids are not commit order: a transaction that began first and commits last must still be read. A
    /// feed that remembered only the newest transaction it had seen would skip it.
    /// </summary>
    [Fact]
    public async Task ReadChangesAsync_TransactionCommittingAfterAYoungerOne_IsNotMissed()
    {
        await AppendAsync(Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "newsletter"));
        await AppendAsync(Event("email:bo@example.com", LedgerEventKind.ConsentGiven, "newsletter"));
        var (cache, decisions) = await OpenAsync(poll: false);
        Assert.True((await decisions.DecideAsync(Id("email:ada@example.com"), "newsletter", Time.GetUtcNow())).Allowed);
        Assert.True((await decisions.DecideAsync(Id("email:bo@example.com"), "newsletter", Time.GetUtcNow())).Allowed);
        var slowStore = await OpenStoreAsync();
        Opened.Add(slowStore);
        var pseudonyms = await Pseudonymizer.ForStoreAsync(slowStore, Key);
        var written = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        var slow = slowStore.WriteAsync(async (tx, ct) =>
        {
            await LedgerWriter.WriteAsync(tx, [Event("email:ada@example.com", LedgerEventKind.ConsentWithdrawn, "newsletter")], pseudonyms, ct);
            written.SetResult();
            await release.Task;
        });
        await written.Task;
        var fast = await OpenOtherProcessAsync();
        Assert.True((await fast.AppendAsync(Event("email:bo@example.com", LedgerEventKind.ConsentWithdrawn, "newsletter"))).Accepted);
        Assert.True(await cache.ReadChangesAsync());
        Assert.False((await decisions.DecideAsync(Id("email:bo@example.com"), "newsletter", Time.GetUtcNow())).Allowed);
        Assert.True((await decisions.DecideAsync(Id("email:ada@example.com"), "newsletter", Time.GetUtcNow())).Allowed);

        release.SetResult();
        await slow;
        Assert.True(await cache.ReadChangesAsync());

        Assert.Equal(R.ConsentWithdrawn, (await decisions.DecideAsync(Id("email:ada@example.com"), "newsletter", Time.GetUtcNow())).Reasons);
    }
}
