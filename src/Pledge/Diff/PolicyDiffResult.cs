using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Pledge.Diff;

/// <summary>
/// Every difference between two policy versions, in a stable order (organisation, activities in the new policy's
/// order then removed ones, processors, retention, cookies, notice, the rest), with the activities whose terms changed
/// materially. Immutable and thread safe.
/// </summary>
public sealed class PolicyDiffResult
{
    /// <summary>Creates a result from its changes and the activities they change materially.</summary>
    public PolicyDiffResult(ImmutableArray<PolicyChange> changes, IEnumerable<string> materiallyChangedActivities)
    {
        Changes = changes.IsDefault ? [] : changes;
        MateriallyChangedActivities = (materiallyChangedActivities ?? []).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Every change, material and editorial.</summary>
    public ImmutableArray<PolicyChange> Changes { get; }

    /// <summary>
    /// Ids of the activities (of the new policy) whose terms changed materially: new activities, and activities with a
    /// new purpose, data, recipient, transfer, longer retention, different lawful basis, looser consent or weaker
    /// objection; every activity when the controller changed. The decision engine asks for fresh consent for these.
    /// Cookie changes are not activities and never appear here. Backed by a frozen set: lookups are fast and thread safe.
    /// </summary>
    public IReadOnlySet<string> MateriallyChangedActivities { get; }

    /// <summary>Whether the two policies are the same in every respect the diff compares.</summary>
    public bool IsEmpty => Changes.IsEmpty;

    /// <summary>Whether any change is material, so subjects must be notified.</summary>
    public bool HasMaterialChanges => Changes.Any(c => c.Material);

    /// <summary>The material changes, in order.</summary>
    public IEnumerable<PolicyChange> MaterialChanges => Changes.Where(c => c.Material);

    /// <summary>The editorial changes, in order.</summary>
    public IEnumerable<PolicyChange> EditorialChanges => Changes.Where(c => !c.Material);

    /// <summary>Whether the terms of activity <paramref name="activityId"/> changed materially.</summary>
    public bool IsMateriallyChanged(string activityId) => MateriallyChangedActivities.Contains(activityId);
}
