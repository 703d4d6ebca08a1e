using Pledge.Audit;
using Pledge.Storage;

namespace Pledge.Consent;

/// <summary>How linking two identifiers ended.</summary>
public enum LinkOutcome
{
    /// <summary>The second identifier now belongs to the first one's subject.</summary>
    Linked,
    /// <summary>Both already belonged to the same subject.</summary>
    AlreadyLinked,
    /// <summary>The second identifier belongs to another subject; histories are never merged.</summary>
    BelongsToAnotherSubject,
}

/// <summary>A subject found by one of its identifiers.</summary>
/// <param name="Erased">The subject was erased; it was found through the keyed pseudonym of the identifier.</param>
public sealed record SubjectLookup(long SubjectId, bool Erased);

/// <summary>
/// Subjects and their identifiers: a person known by several identifiers (e-mail, account id, phone, cookie id) is one
/// subject. Identifiers are stored normalised under the key <c>kind:value</c>; erasure replaces each by its keyed
/// pseudonym, so the events stay as proof without the person.
/// </summary>
public static class SubjectDirectory
{
    /// <summary>The subjects of <paramref name="identifiers"/>, creating a subject for each identifier not yet known.</summary>
    internal static async Task<Dictionary<string, long>> ResolveAsync(StoreTransaction tx, IReadOnlyCollection<SubjectIdentifier> identifiers, CancellationToken cancellationToken)
    {
        var found = await FindManyAsync(tx, identifiers.Select(i => i.Key).Distinct(StringComparer.Ordinal).ToList(), cancellationToken).ConfigureAwait(false);
        // In key order, so concurrent batches creating the same identifiers wait for each other in one order, never in a cycle.
        var missing = identifiers.Where(i => !found.ContainsKey(i.Key)).DistinctBy(i => i.Key).OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
        if (missing.Count == 0)
        {
            return found;
        }

        var inserted = tx.Kind == StoreKind.Postgres
            ? await CreatePostgresAsync(tx, missing, cancellationToken).ConfigureAwait(false)
            : await CreateAsync(tx, missing, cancellationToken).ConfigureAwait(false);
        if (inserted.Count > 0)
        {
            tx.SubjectChanges.MarkIdentifiersAdded();
        }

        foreach (var (k, id) in inserted)
        {
            found[k] = id;
        }

        if (inserted.Count < missing.Count)
        {
            // Another writer created some of these identifiers meanwhile (PostgreSQL): use its subjects.
            var raced = missing.Where(m => !inserted.ContainsKey(m.Key)).Select(m => m.Key).ToList();
            foreach (var (k, id) in await FindManyAsync(tx, raced, cancellationToken).ConfigureAwait(false))
            {
                found[k] = id;
            }
        }

        return found;
    }

    /// <summary>The subjects of the identifier keys that are known (not erased).</summary>
    internal static async Task<Dictionary<string, long>> FindManyAsync(StoreSession session, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, long>(keys.Count, StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return found;
        }

        using var command = session.Command("");
        command.CommandText = $"SELECT t.key, t.subject_id FROM {session.LookupUnique(command, "subject_identifiers", "key", "@keys", keys)}";
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found[reader.GetString(0)] = reader.GetInt64(1);
        }

        return found;
    }

    /// <summary>
    /// The subject known by <paramref name="identifier"/>, or null. With <paramref name="pseudonyms"/>, an erased
    /// subject is found too, through the identifier's keyed pseudonym: the proof survives, the person does not.
    /// </summary>
    public static async Task<SubjectLookup?> FindAsync(StoreSession session, SubjectIdentifier identifier, Pseudonymizer? pseudonyms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(identifier);
        var keys = new List<string> { identifier.Key };
        if (pseudonyms is not null)
        {
            keys.Add(identifier.Kind + ":" + pseudonyms.Identifier(identifier.Kind, identifier.Value).Value);
        }

        var found = await FindManyAsync(session, keys, cancellationToken).ConfigureAwait(false);
        if (found.TryGetValue(identifier.Key, out var id))
        {
            return new SubjectLookup(id, false);
        }

        return keys.Count > 1 && found.TryGetValue(keys[1], out var erased) ? new SubjectLookup(erased, true) : null;
    }

    /// <summary>The identifiers of a subject, as stored (pseudonyms after erasure).</summary>
    public static async Task<IReadOnlyList<string>> IdentifiersAsync(StoreSession session, long subjectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var keys = new List<string>();
        using var command = session.Command("SELECT key FROM subject_identifiers WHERE subject_id = @s ORDER BY key").With("@s", subjectId);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    /// <summary>
    /// Links <paramref name="other"/> to the subject of <paramref name="known"/> (created if new). An identifier that
    /// already belongs to another subject is left alone: merging two histories would rewrite evidence.
    /// </summary>
    public static async Task<LinkOutcome> LinkAsync(StoreTransaction transaction, SubjectIdentifier known, SubjectIdentifier other, string actor, Pseudonymizer pseudonyms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(pseudonyms);
        var subjects = await ResolveAsync(transaction, [known], cancellationToken).ConfigureAwait(false);
        var subject = subjects[known.Key];
        var existing = await FindManyAsync(transaction, [other.Key], cancellationToken).ConfigureAwait(false);
        if (existing.TryGetValue(other.Key, out var owner))
        {
            return owner == subject ? LinkOutcome.AlreadyLinked : LinkOutcome.BelongsToAnotherSubject;
        }

        using var insert = transaction.Command("INSERT INTO subject_identifiers (key, kind, subject_id) VALUES (@k, @kind, @s)")
            .With("@k", other.Key).With("@kind", other.Kind).With("@s", subject);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        transaction.SubjectChanges.MarkIdentifiersAdded();
        transaction.Audit(new AuditEntry(actor, "subject.identifier_linked", pseudonyms.Subject(subject), "kind " + other.Kind));
        return LinkOutcome.Linked;
    }

    /// <summary>
    /// Erases a subject: every identifier is replaced by its keyed pseudonym, the subject is marked erased, and an
    /// <see cref="LedgerEventKind.Erased"/> event is appended. The subject's events are kept unchanged as proof.
    /// Returns false when the subject was already erased. For the request engine, inside its own unit of work.
    /// </summary>
    public static async Task<bool> EraseAsync(StoreTransaction transaction, long subjectId, Evidence evidence, Pseudonymizer pseudonyms, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(pseudonyms);
        using (var mark = transaction.Command("UPDATE subjects SET erased_at = @at WHERE id = @s AND erased_at IS NULL")
            .With("@at", StoreTime.ToMicros(transaction.Store.Time.GetUtcNow())).With("@s", subjectId))
        {
            if (await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return false;
            }
        }

        var identifiers = new List<(string Key, string Kind)>();
        using (var read = transaction.Command("SELECT key, kind FROM subject_identifiers WHERE subject_id = @s AND pseudonymised = 0").With("@s", subjectId))
        using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                identifiers.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (key, kind) in identifiers)
        {
            var pseudonym = pseudonyms.Identifier(kind, key[(kind.Length + 1)..]);
            using var replace = transaction.Command("UPDATE subject_identifiers SET key = @new, pseudonymised = 1 WHERE key = @old")
                .With("@new", kind + ":" + pseudonym.Value).With("@old", key);
            await replace.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await LedgerWriter.InsertErasureAsync(transaction, subjectId, evidence, cancellationToken).ConfigureAwait(false);
        transaction.SubjectChanges.Add(subjectId);
        transaction.Audit(new AuditEntry(evidence.Actor, "subject.erased", pseudonyms.Subject(subjectId), $"{identifiers.Count} identifiers pseudonymised"));
        return true;
    }

    /// <summary>
    /// Creates a subject for each identifier in one statement: only identifiers this statement inserted get a subject
    /// row, so overlapping group commits (or instances) that race for one identifier leave no orphan subject behind.
    /// </summary>
    private static async Task<Dictionary<string, long>> CreatePostgresAsync(StoreTransaction tx, List<SubjectIdentifier> missing, CancellationToken cancellationToken)
    {
        using var command = tx.Command(
            "WITH new AS (SELECT k.key, k.kind, nextval('subjects_id_seq'::regclass) AS id " +
            "FROM unnest(@keys::text[], @kinds::text[]) WITH ORDINALITY AS k(key, kind, n) ORDER BY k.n), " +
            "ins AS (INSERT INTO subject_identifiers (key, kind, subject_id) SELECT key, kind, id FROM new ON CONFLICT (key) DO NOTHING RETURNING key, subject_id), " +
            "made AS (INSERT INTO subjects (id, created_at) SELECT subject_id, @now FROM ins) " +
            "SELECT key, subject_id FROM ins")
            .With("@keys", missing.Select(m => m.Key).ToArray()).With("@kinds", missing.Select(m => m.Kind).ToArray())
            .With("@now", StoreTime.ToMicros(tx.Store.Time.GetUtcNow()));
        var inserted = new Dictionary<string, long>(missing.Count, StringComparer.Ordinal);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            inserted[reader.GetString(0)] = reader.GetInt64(1);
        }

        return inserted;
    }

    /// <summary>Creates a subject for each identifier (SQLite: one writer at a time, so nothing races).</summary>
    private static async Task<Dictionary<string, long>> CreateAsync(StoreTransaction tx, List<SubjectIdentifier> missing, CancellationToken cancellationToken)
    {
        var ids = await NewSubjectIdsAsync(tx, missing.Count, cancellationToken).ConfigureAwait(false);
        var now = StoreTime.ToMicros(tx.Store.Time.GetUtcNow());
        var subjectId = Column.Long("id");
        var createdAt = Column.Long("created_at");
        var key = Column.Text("key");
        var kind = Column.Text("kind");
        var owner = Column.Long("subject_id");
        for (var i = 0; i < missing.Count; i++)
        {
            subjectId.Add(ids[i]);
            createdAt.Add(now);
            key.Add(missing[i].Key);
            kind.Add(missing[i].Kind);
            owner.Add(ids[i]);
        }

        var inserted = new Dictionary<string, long>(missing.Count, StringComparer.Ordinal);
        await tx.InsertAsync(new RowBatch("subject_identifiers", key, kind, owner), "ON CONFLICT (key) DO NOTHING RETURNING key, subject_id",
            reader => inserted[reader.GetString(0)] = reader.GetInt64(1), new RowBatch("subjects", subjectId, createdAt), null, cancellationToken).ConfigureAwait(false);
        return inserted;
    }

    private static async Task<long[]> NewSubjectIdsAsync(StoreTransaction tx, int count, CancellationToken cancellationToken)
    {
        var ids = new long[count];
        // SQLite has one writer at a time, so the next ids after the current maximum are ours.
        using var max = tx.Command("SELECT coalesce(max(id), 0) FROM subjects");
        var next = await max.ScalarLongAsync(cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < count; i++)
        {
            ids[i] = next + 1 + i;
        }

        return ids;
    }
}
