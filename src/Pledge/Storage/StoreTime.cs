namespace Pledge.Storage;

/// <summary>
/// Times in the own store are whole microseconds since the Unix epoch, UTC, in a 64-bit integer column: the same in
/// both dialects, ordered, and exact (PostgreSQL's own timestamps have microsecond precision too).
/// </summary>
public static class StoreTime
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>Microseconds since the Unix epoch of <paramref name="time"/>.</summary>
    public static long ToMicros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerMicrosecond;

    /// <summary>The UTC instant <paramref name="micros"/> microseconds after the Unix epoch.</summary>
    public static DateTimeOffset FromMicros(long micros) => new(DateTimeOffset.UnixEpoch.UtcTicks + (micros * TicksPerMicrosecond), TimeSpan.Zero);
}
