using Pledge.Policy.Loading;

namespace Pledge.Tests.TestData;

/// <summary>Policies the tests load, found in the source tree so nothing needs copying to the output folder.</summary>
internal static class PolicyFiles
{
    /// <summary>The small complete policy in TestData/minimal.</summary>
    public static string Minimal => Path.Combine(TestDataFolder, "minimal", "policy.yaml");

    /// <summary>test/Pledge.Tests/TestData in the source tree.</summary>
    public static string TestDataFolder { get; } = Find(Path.Combine("test", "Pledge.Tests", "TestData"));

    /// <summary>The repository's root folder.</summary>
    public static string RepositoryRoot { get; } = Path.GetFullPath(Path.Combine(TestDataFolder, "..", "..", ".."));

    /// <summary>Loads a policy that must have no errors, failing the test with its diagnostics otherwise.</summary>
    public static Pledge.Policy.Model.Policy Load(string path)
    {
        var result = PolicyLoader.Load(path);
        Assert.True(result.Policy is not null, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Policy!;
    }

    private static string Find(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
