using System.Runtime.CompilerServices;
using Pledge.Storage;

namespace Pledge.Consent;

/// <summary>A subject's decision in a batch.</summary>
public readonly record struct SubjectDecision(SubjectIdentifier Subject, Decision Decision);

/// <summary>
/// Decisions against the store: loads a subject's state from the projection and asks the <see cref="DecisionEngine"/>.
/// The batch form streams many subjects (a mailing list against "newsletter") through chunked queries in bounded
/// memory. A subject the ledger does not know has an empty state. Thread safe.
/// </summary>
/// <remarks>
/// With a <see cref="SubjectStateCache"/>, single decisions on warm subjects read memory instead of the store (the
/// server's decision API); the batch form always reads the store, a chunk at a time.
/// </remarks>
public sealed class ConsentDecisions(OwnStore store, DecisionEngine engine, SubjectStateCache? cache = null)
{
    /// <summary>Subjects per query in <see cref="DecideManyAsync"/>.</summary>
    public const int ChunkSize = 1000;

    /// <summary>The engine decisions are made with.</summary>
    public DecisionEngine Engine { get; } = engine ?? throw new ArgumentNullException(nameof(engine));

    /// <summary>The current state of the subject known by <paramref name="subject"/>.</summary>
    public ValueTask<SubjectState> LoadStateAsync(SubjectIdentifier subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (cache is not null)
        {
            return cache.GetAsync(subject.Key, cancellationToken);
        }

        // One statement per decision: a subject the ledger does not know has no rows, so an empty state.
        return new ValueTask<SubjectState>(store.ReadAsync(async (session, ct) =>
            Engine.StateFrom((await ConsentProjection.LoadByIdentifierAsync(session, subject.Key, ct).ConfigureAwait(false)).Rows), cancellationToken));
    }

    /// <summary>May <paramref name="activityId"/> process <paramref name="subject"/>'s data at <paramref name="at"/>?</summary>
    public async ValueTask<Decision> DecideAsync(SubjectIdentifier subject, string activityId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var state = await LoadStateAsync(subject, cancellationToken).ConfigureAwait(false);
        return Engine.Decide(state, activityId, at);
    }

    /// <summary>The decision for each subject, in input order, reading the store a chunk at a time.</summary>
    public async IAsyncEnumerable<SubjectDecision> DecideManyAsync(IEnumerable<SubjectIdentifier> subjects, string activityId, DateTimeOffset at,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var activity = Engine.IndexOf(activityId);
        var state = Engine.EmptyState();
        foreach (var chunk in subjects.Chunk(ChunkSize))
        {
            var rows = await store.ReadAsync(async (session, ct) =>
            {
                var ids = await SubjectDirectory.FindManyAsync(session, chunk.Select(s => s.Key).Distinct(StringComparer.Ordinal).ToList(), ct).ConfigureAwait(false);
                var loaded = await ConsentProjection.LoadAsync(session, ids.Values.Distinct().ToList(), ct).ConfigureAwait(false);
                return (ids, loaded.ToLookup(r => r.SubjectId));
            }, cancellationToken).ConfigureAwait(false);

            foreach (var subject in chunk)
            {
                state.Reset();
                if (rows.ids.TryGetValue(subject.Key, out var id))
                {
                    foreach (var row in rows.Item2[id])
                    {
                        Engine.Apply(state, row);
                    }
                }

                yield return new SubjectDecision(subject, Engine.Decide(state, activity, at));
            }
        }
    }
}
