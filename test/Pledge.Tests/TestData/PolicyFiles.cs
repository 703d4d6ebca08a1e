using Pledge.Policy.Loading;
using Pledge.Tests.Support;

namespace Pledge.Tests.TestData;

/// <summary>Policies the tests load, found in the source tree so nothing needs copying to the output folder.</summary>
internal static class PolicyFiles
{
    /// <summary>The small complete policy in TestData/minimal.</summary>
    public static string Minimal => Path.Combine(Repo.Root, "test", "Pledge.Tests", "TestData", "minimal", "policy.yaml");

    /// <summary>Loads a policy that must have no errors, failing the test with its diagnostics otherwise.</summary>
    public static Pledge.Policy.Model.Policy Load(string path)
    {
        var result = PolicyLoader.Load(path);
        Assert.True(result.Policy is not null, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Policy!;
    }
}
