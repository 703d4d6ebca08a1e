using System.Collections.Immutable;
using Pledge.Connectors.Locating;
using Pledge.Policy.Model;

namespace Pledge.Requests;

/// <summary>An activity that processes data we hold on the subject, with the categories and systems concerned.</summary>
public sealed record DisclosedActivity(Activity Activity, ImmutableArray<string> Categories, ImmutableArray<string> Systems);

/// <summary>
/// What the policy says applies to one subject (Art. 13-15): the activities whose data we actually hold on them, found
/// from the categories of the fields that hold a value in their rows. The right to be informed and the access
/// export's summary both come from it.
/// </summary>
public sealed record SubjectDisclosure(ImmutableArray<DisclosedActivity> Activities, ImmutableArray<(string System, string Category)> Held)
{
    /// <summary>The disclosure for <paramref name="rows"/>, located with <see cref="LocateMode.Values"/>.</summary>
    public static SubjectDisclosure Build(Policy.Model.Policy policy, SubjectRows rows)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(rows);
        var held = new SortedSet<(string System, string Category)>();
        foreach (var table in rows.Tables)
        {
            foreach (var field in table.Table.Fields)
            {
                var index = table.IndexOf(field.Column);
                if (index >= 0 && table.Rows.Any(r => r.Values[index] is not null))
                {
                    held.Add((table.SystemId, field.Category));
                }
            }
        }

        var activities = ImmutableArray.CreateBuilder<DisclosedActivity>();
        foreach (var activity in policy.Activities)
        {
            var covered = held.Where(h => policy.Category(h.Category) is { } c && policy.Covers(activity, c, h.System)).ToList();
            if (covered.Count > 0)
            {
                activities.Add(new DisclosedActivity(activity,
                    [.. covered.Select(c => c.Category).Distinct(StringComparer.Ordinal)],
                    [.. covered.Select(c => c.System).Distinct(StringComparer.Ordinal)]));
            }
        }

        return new SubjectDisclosure(activities.ToImmutable(), [.. held]);
    }
}
