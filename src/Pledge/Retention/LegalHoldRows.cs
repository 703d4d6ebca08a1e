using System.Collections.Immutable;
using Pledge.Audit;
using Pledge.Storage;

namespace Pledge.Retention;

/// <summary>
/// Which rows a legal hold keeps. The policy declares the holds (<c>legal_holds</c>) and which rules honour them
/// (<c>holds:</c> on a rule); placing a hold on rows is state, kept in the own store and audited. A held row is left
/// alone by every rule that lists the hold, until the hold is lifted or its <c>until</c> passes. Thread safe.
/// </summary>
public static class LegalHoldRows
{
    /// <summary>Places hold <paramref name="holdId"/> on the rows <paramref name="keys"/> of a table; placing it again is a no-op.</summary>
    public static Task<int> PlaceAsync(OwnStore store, string holdId, string system, string table, IReadOnlyCollection<string> keys,
        string actor, string reason, DateTimeOffset? until = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(keys);
        return store.WriteAsync(async (tx, ct) =>
        {
            var placed = 0;
            var now = StoreTime.ToMicros(store.Time.GetUtcNow());
            foreach (var key in keys)
            {
                using var insert = tx.Command(
                    "INSERT INTO legal_hold_rows (hold_id, system_id, table_name, row_key, placed_by, reason, placed_at, until_at) " +
                    "VALUES (@h, @s, @t, @k, @by, @why, @at, @until) " +
                    "ON CONFLICT (hold_id, system_id, table_name, row_key) DO UPDATE SET lifted_at = NULL, lifted_by = NULL, until_at = excluded.until_at " +
                    "WHERE legal_hold_rows.lifted_at IS NOT NULL")
                    .With("@h", holdId).With("@s", system).With("@t", table).With("@k", key).With("@by", actor).With("@why", reason)
                    .With("@at", now).With("@until", until is null ? null : StoreTime.ToMicros(until.Value));
                placed += await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            tx.Audit(new AuditEntry(actor, "retention.hold.placed", null, $"hold {holdId}; {system}.{table}; rows {placed}"));
            return placed;
        }, cancellationToken);
    }

    /// <summary>Lifts hold <paramref name="holdId"/> from the given rows (or, with no keys, from every row it holds).</summary>
    public static Task<int> LiftAsync(OwnStore store, string holdId, string actor, IReadOnlyCollection<string>? keys = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.WriteAsync(async (tx, ct) =>
        {
            using var update = tx.Command("");
            update.CommandText = "UPDATE legal_hold_rows SET lifted_at = @at, lifted_by = @by WHERE hold_id = @h AND lifted_at IS NULL"
                + (keys is { Count: > 0 } ? " AND " + tx.InList(update, "row_key", "@keys", keys) : "");
            update.With("@at", StoreTime.ToMicros(store.Time.GetUtcNow())).With("@by", actor).With("@h", holdId);
            var lifted = await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            tx.Audit(new AuditEntry(actor, "retention.hold.lifted", null, $"hold {holdId}; rows {lifted}"));
            return lifted;
        }, cancellationToken);
    }

    /// <summary>The rows currently held, by any hold.</summary>
    public static Task<ImmutableArray<HeldRow>> ListAsync(OwnStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReadAsync(async (session, ct) =>
        {
            using var command = session.Command(
                "SELECT hold_id, system_id, table_name, row_key, placed_by, reason, placed_at, until_at FROM legal_hold_rows " +
                "WHERE lifted_at IS NULL AND (until_at IS NULL OR until_at > @now) ORDER BY hold_id, system_id, table_name, row_key")
                .With("@now", StoreTime.ToMicros(store.Time.GetUtcNow()));
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var rows = ImmutableArray.CreateBuilder<HeldRow>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                rows.Add(new HeldRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetString(5), StoreTime.FromMicros(reader.GetInt64(6)), reader.IsDBNull(7) ? null : StoreTime.FromMicros(reader.GetInt64(7))));
            }

            return rows.ToImmutable();
        }, cancellationToken);
    }

    /// <summary>The keys of the table's rows under any of <paramref name="holds"/>.</summary>
    internal static async Task<HeldKeys> KeysAsync(OwnStore store, string system, string table, IReadOnlyCollection<string> holds, CancellationToken cancellationToken)
    {
        if (holds.Count == 0)
        {
            return HeldKeys.None;
        }

        var all = await ListAsync(store, cancellationToken).ConfigureAwait(false);
        var keys = all.Where(r => r.System == system && r.Table == table && holds.Contains(r.HoldId)).Select(r => r.Key).Distinct().ToList();
        return keys.Count == 0 ? HeldKeys.None : new HeldKeys(keys);
    }
}

/// <summary>A row under a legal hold.</summary>
public sealed record HeldRow(string HoldId, string System, string Table, string Key, string PlacedBy, string Reason, DateTimeOffset PlacedAt, DateTimeOffset? Until);
