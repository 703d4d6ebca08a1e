using Pledge.Diagnostics;
using Pledge.Jobs;

namespace Pledge.Policy.Loading;

internal sealed partial class PolicyBinder
{
    /// <summary>Longest period of the retention schedule: a sweep less often than yearly is no schedule.</summary>
    private static readonly TimeSpan MaxScheduleEvery = TimeSpan.FromDays(366);

    /// <summary>
    /// <c>retention_schedule: { every: 1 day, at: "03:17" }</c>: when the server runs retention. Periods are fixed
    /// lengths (weeks, days, hours), not months or years, so every instance computes the same slots; <c>at</c> is UTC.
    /// </summary>
    private JobSchedule? BindSchedule(YNode node)
    {
        var r = new MapReader(node, "retention_schedule", diagnostics);
        var every = r.Duration("every", required: true);
        var at = r.String("at");
        JobSchedule? schedule = null;
        if (every is { } d)
        {
            var length = TimeSpan.FromDays(d.Days) + TimeSpan.FromHours(d.Hours);
            if (d.Years != 0 || d.Months != 0)
            {
                diagnostics.Add(Rules.InvalidDuration.At(r.Locations["every"], "'every': months and years have no fixed length; write weeks, days or hours (e.g. '1 day', '12 hours')"));
            }
            else if (length < TimeSpan.FromHours(1) || length > MaxScheduleEvery)
            {
                diagnostics.Add(Rules.InvalidDuration.At(r.Locations["every"], "'every' must be between 1 hour and 366 days"));
            }
            else
            {
                schedule = new JobSchedule(length);
            }
        }

        var offset = TimeSpan.Zero;
        if (at is not null)
        {
            if (TimeOnly.TryParseExact(at, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time))
            {
                offset = time.ToTimeSpan();
            }
            else
            {
                diagnostics.Add(Rules.InvalidValue.At(r.Locations["at"], $"'at': '{at}' is not a time of day; write HH:MM in UTC, e.g. '03:17'"));
                schedule = null;
            }
        }

        r.Finish();
        return schedule is { } s ? new JobSchedule(s.Every, offset) : null;
    }
}
