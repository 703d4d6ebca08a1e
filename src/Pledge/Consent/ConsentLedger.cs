using Pledge.Audit;
using Pledge.Storage;

namespace Pledge.Consent;

/// <summary>
/// The consent and preference ledger: append-only events per subject, each with its evidence, written through group
/// commit so that an append returns only once its event is durable, and many concurrent appends share one commit.
/// Thread safe; open one per process and share it. Dispose to commit what is queued and stop the writer.
/// </summary>
public sealed class ConsentLedger : IAsyncDisposable
{
    /// <summary>Most events one group commit writes.</summary>
    public const int MaxBatch = 8192;

    private readonly GroupCommitQueue<LedgerEvent, AppendResult> _queue;
    private readonly LedgerEventValidator _validator;
    private volatile PolicyVersionHistory _versions;

    private ConsentLedger(OwnStore store, Policy.Model.Policy policy, Pseudonymizer pseudonyms, PolicyVersionHistory versions)
    {
        Store = store;
        Policy = policy;
        Pseudonyms = pseudonyms;
        _versions = versions;
        _validator = new LedgerEventValidator(policy, store.Time);
        _queue = new GroupCommitQueue<LedgerEvent, AppendResult>(
            (batch, ct) => store.WriteAsync((tx, c) => LedgerWriter.WriteAsync(tx, batch, pseudonyms, c), ct),
            MaxBatch, MaxBatch * 8, store.GroupCommitWriters, store.LoggerFactory.CreateLogger("Pledge.Consent"));
    }

    /// <summary>The store the ledger writes to.</summary>
    public OwnStore Store { get; }

    /// <summary>The policy events are checked against.</summary>
    public Policy.Model.Policy Policy { get; }

    /// <summary>The keyed pseudonyms of the audit log and of erased identifiers.</summary>
    public Pseudonymizer Pseudonyms { get; }

    /// <summary>The policy versions deployed in the store, as last read.</summary>
    public PolicyVersionHistory Versions => _versions;

    /// <summary>Opens the ledger of <paramref name="store"/> for <paramref name="policy"/>.</summary>
    public static async Task<ConsentLedger> OpenAsync(OwnStore store, Policy.Model.Policy policy, Pseudonymizer pseudonyms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(pseudonyms);
        var versions = await PolicyVersions.LoadAsync(store, cancellationToken).ConfigureAwait(false);
        return new ConsentLedger(store, policy, pseudonyms, versions);
    }

    /// <summary>Reads the deployed policy versions again (after <see cref="PolicyVersions.DeployAsync"/>).</summary>
    public async Task<PolicyVersionHistory> RefreshVersionsAsync(CancellationToken cancellationToken = default)
    {
        _versions = await PolicyVersions.LoadAsync(Store, cancellationToken).ConfigureAwait(false);
        return _versions;
    }

    /// <summary>Null when <paramref name="e"/> may be appended against the versions as last read; otherwise why not.</summary>
    public LedgerError? Validate(LedgerEvent e) => _validator.Validate(e, _versions);

    /// <summary>Null when <paramref name="e"/> may be appended; otherwise why not. Rereads the versions once if needed.</summary>
    public async Task<LedgerError?> ValidateAsync(LedgerEvent e, CancellationToken cancellationToken = default)
    {
        var error = _validator.Validate(e, _versions);
        if (error?.Code == LedgerErrorCode.UnknownPolicyVersion)
        {
            error = _validator.Validate(e, await RefreshVersionsAsync(cancellationToken).ConfigureAwait(false));
        }

        return error;
    }

    /// <summary>
    /// Appends <paramref name="e"/> and returns once it is durable. A refused event is a result with an
    /// <see cref="AppendResult.Error"/>, not an exception; a retry with a stored idempotency key returns the original
    /// event with <see cref="AppendResult.Duplicate"/> set. Infrastructure failures throw.
    /// </summary>
    public async Task<AppendResult> AppendAsync(LedgerEvent e, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (await ValidateAsync(e, cancellationToken).ConfigureAwait(false) is { } error)
        {
            return new AppendResult(0, 0, false, error);
        }

        return await _queue.EnqueueAsync(e, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends each event as <see cref="AppendAsync"/> would (each stands alone); results in input order.</summary>
    public async Task<AppendResult[]> AppendManyAsync(IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var tasks = new Task<AppendResult>[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            tasks[i] = AppendAsync(events[i], cancellationToken);
        }

        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes events inside the caller's unit of work (for engines that record consent with writes of their own, such
    /// as a request that restricts processing). Refused events are reported and not written.
    /// </summary>
    public async Task<AppendResult[]> WriteAsync(StoreTransaction transaction, IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(events);
        var results = new AppendResult[events.Count];
        var valid = new List<LedgerEvent>(events.Count);
        var positions = new List<int>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            if (await ValidateAsync(events[i], cancellationToken).ConfigureAwait(false) is { } error)
            {
                results[i] = new AppendResult(0, 0, false, error);
                continue;
            }

            valid.Add(events[i]);
            positions.Add(i);
        }

        var written = await LedgerWriter.WriteAsync(transaction, valid, Pseudonyms, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < written.Length; i++)
        {
            results[positions[i]] = written[i];
        }

        return results;
    }

    /// <summary>
    /// Erases the subject known by <paramref name="identifier"/>: identifiers become keyed pseudonyms, events stay as
    /// proof. False when no such (unerased) subject exists.
    /// </summary>
    public Task<bool> EraseAsync(SubjectIdentifier identifier, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return Store.WriteAsync(async (tx, ct) =>
        {
            if (await SubjectDirectory.FindAsync(tx, identifier, null, ct).ConfigureAwait(false) is not { } subject)
            {
                return false;
            }

            var now = Store.Time.GetUtcNow();
            var evidence = new Evidence(now, _versions.Latest?.Version ?? Policy.Notice.Version, EvidenceChannel.Api, actor,
                "erasure:" + subject.SubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return await SubjectDirectory.EraseAsync(tx, subject.SubjectId, evidence, Pseudonyms, ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Commits what is queued and stops the writer.</summary>
    public ValueTask DisposeAsync() => _queue.DisposeAsync();
}
