using Microsoft.Extensions.Logging;
using Pledge.Storage;

namespace Pledge.Consent;

/// <summary>
/// Subjects' compiled states in memory, so that a decision on a warm subject reads no database: the decision API
/// answers from here. Kept correct by the store's changes — this process's at once, as each unit of work commits
/// (before the write returns to its caller), other processes' through the <see cref="SubjectChangeFeed"/>, read every
/// <see cref="SubjectStateCacheOptions.PollInterval"/>. When the feed cannot be read for longer than
/// <see cref="SubjectStateCacheOptions.MaxStaleness"/>, every decision reads the store again until it can, and then
/// the cache starts empty. Bounded by <see cref="SubjectStateCacheOptions.Capacity"/> identifiers, in two generations
/// (recently used ones survive a turn). Thread safe.
/// </summary>
/// <remarks>
/// A state loaded while a change to its subject commits could be the old one: every invalidation first moves an epoch,
/// and a load that sees the epoch moved while it ran marks what it stored as stale. Identifiers not (yet) known are
/// cached too, until any unit of work adds identifiers.
/// </remarks>
public sealed partial class SubjectStateCache : IAsyncDisposable
{
    private readonly OwnStore _store;
    private readonly DecisionEngine _engine;
    private readonly SubjectStateCacheOptions _options;
    private readonly SubjectChangeFeed _feed;
    private readonly IDisposable _subscription;
    private readonly ILogger _logger;
    private readonly Lock _rotation = new();
    private readonly CancellationTokenSource _stop = new();
    private Generation _young = new();
    private Generation _old = new();
    private long _epoch;
    private int _unknownGeneration;
    private long _lastRead;
    private bool _feedBroken;
    private long _lastPrune;
    private long _hits;
    private long _misses;
    private Task? _loop;

    private SubjectStateCache(OwnStore store, DecisionEngine engine, SubjectStateCacheOptions options)
    {
        _store = store;
        _engine = engine;
        _options = options;
        _feed = new SubjectChangeFeed(store);
        _logger = store.LoggerFactory.CreateLogger("Pledge.Consent");
        _subscription = store.OnSubjectsChanged(Invalidate);
    }

    /// <summary>How many lookups were answered from memory, and how many read the store (for diagnostics and tests).</summary>
    public (long Hits, long Misses) Counts => (Interlocked.Read(ref _hits), Interlocked.Read(ref _misses));

    /// <summary>
    /// Opens a cache over <paramref name="store"/> for <paramref name="engine"/>'s states and starts reading the
    /// change feed; <paramref name="poll"/> false leaves the reading to <see cref="ReadChangesAsync"/> (tests).
    /// </summary>
    public static async Task<SubjectStateCache> OpenAsync(OwnStore store, DecisionEngine engine, SubjectStateCacheOptions? options = null, bool poll = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(engine);
        var cache = new SubjectStateCache(store, engine, options ?? new SubjectStateCacheOptions());
        try
        {
            await cache._feed.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await cache.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        cache._lastRead = cache._lastPrune = store.Time.GetTimestamp();
        if (poll)
        {
            cache._loop = Task.Run(cache.PollLoopAsync, CancellationToken.None);
        }

        return cache;
    }

    /// <summary>
    /// The state of the subject the identifier <paramref name="key"/> names (an empty state for an unknown one), from
    /// memory when it is there and the change feed is current, else from the store.
    /// </summary>
    public ValueTask<SubjectState> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (IsCurrent && TryGet(key, out var state))
        {
            Interlocked.Increment(ref _hits);
            return new ValueTask<SubjectState>(state);
        }

        Interlocked.Increment(ref _misses);
        return new ValueTask<SubjectState>(LoadAsync(key, cancellationToken));
    }

    /// <summary>Reads the change feed once and drops what changed; false when the store could not be read.</summary>
    public async Task<bool> ReadChangesAsync(CancellationToken cancellationToken = default)
    {
        SubjectChanges? changes;
        try
        {
            changes = await _feed.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is StoreException or System.Data.Common.DbException or IOException or TimeoutException)
        {
            if (!_feedBroken)
            {
                CacheLog.FeedFailed(_logger, e.GetType().Name);
            }

            _feedBroken = true;
            return false;
        }

        if (_feedBroken)
        {
            // Reads may have gone to the store meanwhile; start again from what the store says now.
            _feedBroken = false;
            changes = SubjectChanges.All;
            CacheLog.FeedRecovered(_logger);
        }

        if (changes is not null)
        {
            Invalidate(changes);
        }

        Volatile.Write(ref _lastRead, _store.Time.GetTimestamp());
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }

        _stop.Dispose();
    }

    /// <summary>Runs between reading a state from the store and keeping it: a seam for tests of changes that commit in between.</summary>
    internal Func<Task>? AfterLoad { get; set; }

    private bool IsCurrent => _store.Time.GetElapsedTime(Volatile.Read(ref _lastRead)) <= _options.MaxStaleness;

    private async Task PollLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await Task.Delay(_options.PollInterval, _store.Time, _stop.Token).ConfigureAwait(false);
            await ReadChangesAsync(_stop.Token).ConfigureAwait(false);
            if (_store.Time.GetElapsedTime(_lastPrune) >= TimeSpan.FromMinutes(1))
            {
                _lastPrune = _store.Time.GetTimestamp();
                try
                {
                    await _feed.PruneAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (e is StoreException or System.Data.Common.DbException or IOException or TimeoutException)
                {
                    CacheLog.PruneFailed(_logger, e.GetType().Name);
                }
            }
        }
    }

    private async Task<SubjectState> LoadAsync(string key, CancellationToken cancellationToken)
    {
        var epoch = Interlocked.Read(ref _epoch);
        var unknownGeneration = Volatile.Read(ref _unknownGeneration);
        var (subjectId, rows) = await _store.ReadAsync((session, ct) => ConsentProjection.LoadByIdentifierAsync(session, key, ct), cancellationToken).ConfigureAwait(false);
        var state = _engine.StateFrom(rows);
        if (AfterLoad is { } hook)
        {
            await hook().ConfigureAwait(false);
        }

        if (IsCurrent)
        {
            var entry = new Entry(subjectId, state, unknownGeneration);
            Store(key, entry);
            if (Interlocked.Read(ref _epoch) != epoch)
            {
                // A change committed while this state was read: it may predate the change, so it must not be served.
                entry.Stale = true;
            }
        }

        return state;
    }
}

/// <summary>Settings of the <see cref="SubjectStateCache"/>.</summary>
public sealed record SubjectStateCacheOptions
{
    /// <summary>Identifiers kept at most (default 100,000; about 1 KB each with an 18-activity policy).</summary>
    public int Capacity { get; init; } = 100_000;

    /// <summary>How often the change feed is read (default 200 ms): the longest a change made by another process goes unseen.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>With no successful read of the feed for this long (default 2 s), decisions read the store.</summary>
    public TimeSpan MaxStaleness { get; init; } = TimeSpan.FromSeconds(2);
}
