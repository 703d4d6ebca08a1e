using System.Globalization;

namespace Pledge.Bench;

/// <summary>What the latency bench programs (locate, erase) share: options, the example policy, and the report lines.</summary>
internal static class LatencyRun
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Prints one line: median, p95, mean and the number of samples, in milliseconds.</summary>
    public static void Report(string name, List<double> ms)
    {
        var sorted = ms.Order().ToList();
        Console.WriteLine(string.Create(Invariant,
            $"{name,-42} median {Median(ms),6:N2} ms  p95 {sorted[(int)(sorted.Count * 0.95)],6:N2} ms  mean {ms.Average(),6:N2} ms  (n={ms.Count})"));
    }

    public static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            throw new InvalidOperationException("no samples were taken: seed more rows or ask for more subjects");
        }

        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The value after <paramref name="name"/> on the command line, or null.</summary>
    public static string? Option(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    /// <summary>The example vendor's policy, found above the bench program's folder.</summary>
    public static string ExamplePolicy()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples", "remote-access-vendor", "policy.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("examples/remote-access-vendor/policy.yaml not found above " + AppContext.BaseDirectory);
    }
}
