using System.Globalization;

namespace Pledge.Bench.Consent;

/// <summary>
/// The CPU time of a database server running on this machine, from <c>/proc</c>: the postmaster's own, that of the
/// processes it has reaped (server processes of closed connections, autovacuum workers) and that of its children still
/// running. Read before and after a round, the difference is what the server spent on it, however its work was spread.
/// </summary>
internal sealed class ServerCpu(int postmaster)
{
    // USER_HZ: the unit of /proc/PID/stat times, 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public TimeSpan Read()
    {
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory);
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || Fields(pid) is not { } f)
            {
                continue;
            }

            // Fields after the command name: [1] parent pid, [11] utime, [12] stime, [13] cutime, [14] cstime.
            if (pid == postmaster)
            {
                ticks += Long(f[11]) + Long(f[12]) + Long(f[13]) + Long(f[14]);
            }
            else if (Long(f[1]) == postmaster)
            {
                ticks += Long(f[11]) + Long(f[12]);
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may itself hold spaces or parentheses: split after the last one.
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // the process ended meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Long(string field) => long.Parse(field, CultureInfo.InvariantCulture);
}
