using System.Globalization;
using Pledge.Audit;
using Pledge.Consent;
using Pledge.Storage;

namespace Pledge.Bench.Consent;

/// <summary>Argument parsing and store setup shared by the consent store benchmarks.</summary>
internal static class BenchArgs
{
    public static string Get(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }

    public static int Int(string[] args, string name, int fallback) => int.Parse(Get(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public static async Task<(OwnStore Store, Pseudonymizer Pseudonyms)> OpenAsync(string location, Pledge.Policy.Model.Policy policy)
    {
        var parsed = StoreLocation.Parse(location);
        var store = await OwnStore.OpenAsync(parsed.Location ?? throw new ArgumentException(parsed.Error));
        await PolicyVersions.DeployAsync(store, policy.Notice.Version, null, "bench");
        var pseudonyms = await Pseudonymizer.ForStoreAsync(store, PseudonymKey.Parse(new string('5', 64)).Key!);
        return (store, pseudonyms);
    }

    public static string Rate(long count, TimeSpan elapsed) => (count / elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture);
}
