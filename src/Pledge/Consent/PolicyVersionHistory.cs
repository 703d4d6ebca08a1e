using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Pledge.Consent;

/// <summary>One policy version as deployed in the store.</summary>
/// <param name="Ordinal">Deployment order, from 1.</param>
/// <param name="MateriallyChanged">Activities whose terms changed materially in this version; null for the first
/// version recorded, whose every activity counts as new.</param>
public sealed record PolicyVersionRecord(int Ordinal, string Version, DateTimeOffset DeployedAt, FrozenSet<string>? MateriallyChanged)
{
    /// <summary>Whether consent to <paramref name="activityId"/> given before this version must be given again.</summary>
    public bool Changed(string activityId) => MateriallyChanged is null || MateriallyChanged.Contains(activityId);
}

/// <summary>
/// The policy versions deployed in a store, in order, with the activities each changed materially. Answers the
/// question consent depends on: since which version have an activity's terms been unchanged? Immutable.
/// </summary>
public sealed class PolicyVersionHistory
{
    private readonly FrozenDictionary<string, PolicyVersionRecord> _byVersion;

    /// <summary>A history of <paramref name="versions"/>, in deployment order.</summary>
    public PolicyVersionHistory(IEnumerable<PolicyVersionRecord> versions)
    {
        Versions = [.. versions.OrderBy(v => v.Ordinal)];
        _byVersion = Versions.ToFrozenDictionary(v => v.Version, StringComparer.Ordinal);
    }

    /// <summary>No version deployed yet.</summary>
    public static PolicyVersionHistory Empty { get; } = new([]);

    /// <summary>Every deployed version, oldest first.</summary>
    public ImmutableArray<PolicyVersionRecord> Versions { get; }

    /// <summary>The latest deployed version, or null.</summary>
    public PolicyVersionRecord? Latest => Versions.IsEmpty ? null : Versions[^1];

    /// <summary>Whether <paramref name="version"/> was deployed.</summary>
    public bool Contains(string version) => _byVersion.ContainsKey(version);

    /// <summary>The deployment ordinal of <paramref name="version"/>, or −1 when it was never deployed.</summary>
    public int OrdinalOf(string? version) => version is not null && _byVersion.TryGetValue(version, out var record) ? record.Ordinal : -1;

    /// <summary>
    /// The ordinal of the oldest version since which <paramref name="activityId"/>'s terms are unchanged, considering
    /// versions up to <paramref name="upTo"/>: consent given under an older version is stale. −1 when nothing is known.
    /// </summary>
    public int TermsUnchangedSince(string activityId, int upTo = int.MaxValue)
    {
        for (var i = Versions.Length - 1; i >= 0; i--)
        {
            if (Versions[i].Ordinal <= upTo && Versions[i].Changed(activityId))
            {
                return Versions[i].Ordinal;
            }
        }

        return -1;
    }
}
