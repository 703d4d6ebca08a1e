using System.CommandLine;

namespace Pledge.Cli;

/// <summary>The POLICY argument most commands take, defaulting to $PLEDGE_POLICY or the example vendor's policy.</summary>
internal static class PolicyArgument
{
    public const string EnvironmentVariable = "PLEDGE_POLICY";

    public static Argument<string?> Create(string name = "policy") => new(name)
    {
        Description = $"The policy file (default: ${EnvironmentVariable}, else the example vendor's policy).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>The policy path to use: the argument, else $PLEDGE_POLICY, else the embedded example.</summary>
    public static string Resolve(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given))
        {
            return given;
        }

        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnv)
        {
            return fromEnv;
        }

        return ExamplePolicyPath();
    }

    /// <summary>The example vendor's policy: beside the repository, or copied next to the tool.</summary>
    public static string ExamplePolicyPath()
    {
        var relative = Path.Combine("examples", "remote-access-vendor", "policy.yaml");
        if (File.Exists(relative))
        {
            return relative;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples", "remote-access-vendor", "policy.yaml");
            if (File.Exists(candidate))
            {
                return Path.GetRelativePath(Environment.CurrentDirectory, candidate);
            }
        }

        return relative;
    }
}
