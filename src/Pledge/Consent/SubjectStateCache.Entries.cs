using System.Collections.Concurrent;
using Pledge.Storage;

namespace Pledge.Consent;

public sealed partial class SubjectStateCache
{
    private bool TryGet(string key, out SubjectState state)
    {
        var young = Volatile.Read(ref _young);
        if (young.Keys.TryGetValue(key, out var entry) && IsValid(entry))
        {
            state = entry.State;
            return true;
        }

        var old = Volatile.Read(ref _old);
        if (old.Keys.TryGetValue(key, out entry) && IsValid(entry))
        {
            // Used again: carry it into the young generation, so it outlives the old one.
            Store(key, entry);
            state = entry.State;
            return true;
        }

        state = null!;
        return false;
    }

    private bool IsValid(Entry entry) =>
        !entry.Stale && (entry.SubjectId != 0 || entry.UnknownGeneration == Volatile.Read(ref _unknownGeneration));

    private void Store(string key, Entry entry)
    {
        var young = Volatile.Read(ref _young);
        if (entry.SubjectId != 0)
        {
            // One entry per subject in a generation, whichever identifier loaded it: an invalidation finds them all.
            var held = young.Subjects.AddOrUpdate(entry.SubjectId, entry, (_, existing) => existing.Stale ? entry : existing);
            if (held != entry && !held.Stale)
            {
                entry = held;
            }
        }

        if (!young.Keys.TryAdd(key, entry))
        {
            young.Keys[key] = entry;
        }
        else if (Interlocked.Increment(ref young.Count) >= Math.Max(1, _options.Capacity / 2))
        {
            Rotate(young);
        }
    }

    private void Rotate(Generation full)
    {
        lock (_rotation)
        {
            if (_young == full)
            {
                _old = full;
                Volatile.Write(ref _young, new Generation());
            }
        }
    }

    private void Invalidate(SubjectChanges changes)
    {
        // The epoch moves first: a load running now sees it moved and distrusts what it read.
        Interlocked.Increment(ref _epoch);
        if (changes.Everything)
        {
            Interlocked.Increment(ref _unknownGeneration);
            lock (_rotation)
            {
                _old = new Generation();
                Volatile.Write(ref _young, new Generation());
            }

            return;
        }

        if (changes.IdentifiersAdded)
        {
            Interlocked.Increment(ref _unknownGeneration);
        }

        var young = Volatile.Read(ref _young);
        var old = Volatile.Read(ref _old);
        foreach (var subject in changes.Subjects)
        {
            if (young.Subjects.TryRemove(subject, out var entry))
            {
                entry.Stale = true;
            }

            if (old.Subjects.TryRemove(subject, out entry))
            {
                entry.Stale = true;
            }
        }
    }

    private sealed class Generation
    {
        public readonly ConcurrentDictionary<string, Entry> Keys = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<long, Entry> Subjects = new();
        public int Count;
    }

    /// <summary>A subject's state as loaded (subject 0: the identifier named no subject at <see cref="UnknownGeneration"/>).</summary>
    private sealed class Entry(long subjectId, SubjectState state, int unknownGeneration)
    {
        public readonly long SubjectId = subjectId;
        public readonly SubjectState State = state;
        public readonly int UnknownGeneration = unknownGeneration;
        public volatile bool Stale;
    }
}
