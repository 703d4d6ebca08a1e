namespace Pledge.Diff;

/// <summary>Whether something was added, removed or changed between two policy versions.</summary>
public enum ChangeKind
{
    /// <summary>Present in the new policy only.</summary>
    Added,
    /// <summary>Present in the old policy only.</summary>
    Removed,
    /// <summary>Present in both, with a different value.</summary>
    Changed,
}

/// <summary>
/// One difference between two policy versions, classified. A material change widens what is done with personal
/// data or weakens a protection: subjects must be notified (Art. 13(3), 14(4)) and consent given under the old
/// terms may need renewing. An editorial change rewords, narrows or only touches notice metadata.
/// </summary>
/// <param name="Path">Where the change is, dotted from the policy's top (<c>activities.usage-telemetry.retention.telemetry-13m.period</c>).</param>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="Description">One sentence for people, e.g. <c>activity 'usage-telemetry': retention rule 'telemetry-13m' period 13 months → 25 months (longer retention)</c>.</param>
/// <param name="Material">Whether subjects must be notified.</param>
/// <param name="ActivityId">The activity whose terms the change affects, or null for a policy-wide change (cookies, notice, data map, ...).</param>
/// <param name="Reason">Why the change is material or editorial.</param>
public sealed record PolicyChange(string Path, ChangeKind Kind, string Description, bool Material, string? ActivityId, string Reason);
