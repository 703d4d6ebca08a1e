namespace Pledge.Tests.Support;

/// <summary>Paths in the repository, found from the test assembly's folder.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string ExampleDir => Path.Combine(Root, "examples", "remote-access-vendor");

    public static string ExamplePolicy => Path.Combine(ExampleDir, "policy.yaml");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pledge.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Repository root (Pledge.slnx) not found above " + AppContext.BaseDirectory);
    }
}
