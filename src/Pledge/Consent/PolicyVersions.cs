using System.Collections.Frozen;
using Pledge.Audit;
using Pledge.Storage;

namespace Pledge.Consent;

/// <summary>How a deployment was recorded.</summary>
public enum DeployOutcome
{
    /// <summary>The version is now the latest deployed.</summary>
    Recorded,
    /// <summary>The version was already deployed; nothing changed.</summary>
    AlreadyDeployed,
}

/// <summary>
/// Records policy versions as they are deployed, with the activities whose terms changed materially (from
/// <c>pledge diff</c>'s classification, or given explicitly), and loads the history the decision engine compiles.
/// </summary>
public static class PolicyVersions
{
    /// <summary>The deployed versions of <paramref name="store"/>.</summary>
    public static Task<PolicyVersionHistory> LoadAsync(OwnStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReadAsync((session, ct) => LoadAsync(session, ct), cancellationToken);
    }

    /// <summary>The deployed versions, read in <paramref name="session"/>.</summary>
    public static async Task<PolicyVersionHistory> LoadAsync(StoreSession session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var records = new List<PolicyVersionRecord>();
        using var command = session.Command("SELECT ordinal, version, deployed_at, changed_activities FROM policy_versions ORDER BY ordinal");
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var changed = reader.GetNullableString(3);
            records.Add(new PolicyVersionRecord(reader.GetInt32(0), reader.GetString(1), StoreTime.FromMicros(reader.GetInt64(2)),
                changed?.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal)));
        }

        return new PolicyVersionHistory(records);
    }

    /// <summary>
    /// Records <paramref name="version"/> as deployed now. <paramref name="materiallyChanged"/> names the activities
    /// whose terms changed materially since the previous version (consent to them must be given again); null records a
    /// baseline in which every activity counts as new — the first deployment, or one whose previous policy is unknown.
    /// </summary>
    public static Task<DeployOutcome> DeployAsync(OwnStore store, string version, IEnumerable<string>? materiallyChanged, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var changed = materiallyChanged?.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return store.WriteAsync(async (tx, ct) =>
        {
            using (var exists = tx.Command("SELECT count(*) FROM policy_versions WHERE version = @v").With("@v", version))
            {
                if (await exists.ScalarLongAsync(ct).ConfigureAwait(false) > 0)
                {
                    return DeployOutcome.AlreadyDeployed;
                }
            }

            using var insert = tx.Command(
                "INSERT INTO policy_versions (ordinal, version, deployed_at, changed_activities) " +
                "SELECT coalesce(max(ordinal), 0) + 1, @v, @at, @c FROM policy_versions");
            insert.With("@v", version).With("@at", StoreTime.ToMicros(store.Time.GetUtcNow())).With("@c", changed is null ? null : string.Join('\n', changed));
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            tx.Audit(new AuditEntry(actor, "policy.deployed", null,
                changed is null ? $"version {version}; baseline" : $"version {version}; materially changed: {(changed.Count == 0 ? "none" : string.Join(", ", changed))}"));
            return DeployOutcome.Recorded;
        }, cancellationToken);
    }
}
