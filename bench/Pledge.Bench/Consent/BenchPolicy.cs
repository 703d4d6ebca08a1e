using Pledge.Policy.Loading;

namespace Pledge.Bench.Consent;

/// <summary>The example vendor's policy, found from wherever the benchmark runs.</summary>
internal static class BenchPolicy
{
    public static Pledge.Policy.Model.Policy Load()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var path = Path.Combine(dir.FullName, "examples", "remote-access-vendor", "policy.yaml");
                if (File.Exists(Path.Combine(dir.FullName, "Pledge.slnx")) && File.Exists(path))
                {
                    return PolicyLoader.Load(path).Policy ?? throw new InvalidOperationException("the example policy has errors");
                }
            }
        }

        throw new InvalidOperationException("examples/remote-access-vendor/policy.yaml not found above " + AppContext.BaseDirectory);
    }
}
