using System.Globalization;

namespace Pledge.Storage;

/// <summary>
/// What one committed unit of work changed about consent subjects, as told to the store's listeners in this process
/// (<see cref="OwnStore.OnSubjectsChanged"/>) and, through the <c>subject_changes</c> feed, to other processes.
/// </summary>
/// <param name="Subjects">The subjects whose state or identifiers changed.</param>
/// <param name="IdentifiersAdded">Identifiers were added: an identifier unknown before may now name a subject.</param>
/// <param name="Everything">Every subject may have changed (a rebuild, a large import, or a gap in the feed).</param>
public sealed record SubjectChanges(IReadOnlyCollection<long> Subjects, bool IdentifiersAdded, bool Everything)
{
    /// <summary>Every subject may have changed.</summary>
    public static readonly SubjectChanges All = new([], true, true);
}

/// <summary>The subject changes a unit of work collects until it commits.</summary>
internal sealed class SubjectChangeSet
{
    /// <summary>Beyond this many subjects one feed row says "everything" instead of listing them (an import of a million rows).</summary>
    public const int MaxListed = 10_000;

    private HashSet<long>? _subjects;

    public bool IdentifiersAdded { get; private set; }

    public bool Everything { get; private set; }

    public bool IsEmpty => _subjects is null && !IdentifiersAdded && !Everything;

    public void Add(long subject)
    {
        if (!Everything)
        {
            (_subjects ??= []).Add(subject);
            if (_subjects.Count > MaxListed)
            {
                MarkEverything();
            }
        }
    }

    public void MarkIdentifiersAdded() => IdentifiersAdded = true;

    public void MarkEverything()
    {
        Everything = IdentifiersAdded = true;
        _subjects = null;
    }

    public SubjectChanges ToChanges() => new(_subjects is null ? [] : [.. _subjects], IdentifiersAdded, Everything);

    /// <summary>Writes the feed row for these changes in <paramref name="transaction"/>, before it commits.</summary>
    public async Task WriteAsync(StoreTransaction transaction, CancellationToken cancellationToken)
    {
        var at = StoreTime.ToMicros(transaction.Store.Time.GetUtcNow());
        using var command = transaction.Command("INSERT INTO subject_changes (at, subjects, identifiers, everything) VALUES (@at, @subjects, @identifiers, @everything)")
            .With("@at", at);
        if (transaction.Kind == StoreKind.Postgres)
        {
            command.With("@subjects", _subjects is null ? Array.Empty<long>() : [.. _subjects]).With("@identifiers", IdentifiersAdded).With("@everything", Everything);
        }
        else
        {
            command.With("@subjects", _subjects is null ? "" : string.Join(',', _subjects.Select(s => s.ToString(CultureInfo.InvariantCulture))))
                .With("@identifiers", IdentifiersAdded ? 1 : 0).With("@everything", Everything ? 1 : 0);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
