using System.Globalization;

namespace Pledge.Jobs;

/// <summary>
/// When a recurring job is due: every <see cref="Every"/>, at slots counted from midnight UTC of 1 January 1970 plus
/// <see cref="Offset"/>. "Every 1 day at 03:17" is due at 03:17 UTC each day; "every 6 hours at 00:30" at 00:30, 06:30,
/// 12:30 and 18:30. Slots do not depend on when a server started, so every instance computes the same ones.
/// </summary>
public readonly record struct JobSchedule
{
    /// <summary>The shortest period a schedule may have.</summary>
    public static readonly TimeSpan MinEvery = TimeSpan.FromMinutes(1);

    /// <summary>Creates a schedule; <paramref name="offset"/> is taken modulo <paramref name="every"/>.</summary>
    public JobSchedule(TimeSpan every, TimeSpan offset = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(every, MinEvery);
        Every = every;
        Offset = TimeSpan.FromTicks(((offset.Ticks % every.Ticks) + every.Ticks) % every.Ticks);
    }

    /// <summary>The period between two runs.</summary>
    public TimeSpan Every { get; }

    /// <summary>Where in each period the run is due.</summary>
    public TimeSpan Offset { get; }

    /// <summary>The first slot strictly after <paramref name="instant"/>.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset instant)
    {
        var since = instant.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks - Offset.Ticks;
        var periods = Math.Floor((double)since / Every.Ticks);
        var next = DateTimeOffset.UnixEpoch.UtcTicks + Offset.Ticks + (((long)periods + 1) * Every.Ticks);
        if (next <= instant.UtcTicks)
        {
            next += Every.Ticks;
        }

        return new DateTimeOffset(next, TimeSpan.Zero);
    }

    /// <summary>How the schedule reads, e.g. <c>every 1.00:00:00 at 03:17:00</c>; stored beside the next due time.</summary>
    public override string ToString() =>
        "every " + Every.ToString("c", CultureInfo.InvariantCulture) + " at " + Offset.ToString("c", CultureInfo.InvariantCulture);
}
