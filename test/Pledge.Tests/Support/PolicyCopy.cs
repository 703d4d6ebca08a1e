using Pledge.Policy.Loading;

namespace Pledge.Tests.Support;

/// <summary>A throw-away copy of the example policy (or an empty folder) that a test may edit.</summary>
internal sealed class PolicyCopy : IDisposable
{
    private PolicyCopy(string dir) => Dir = dir;

    public string Dir { get; }

    public string Root => Path.Combine(Dir, "policy.yaml");

    public static PolicyCopy OfExample()
    {
        var copy = Empty();
        foreach (var file in Directory.GetFiles(Repo.ExampleDir, "*.yaml", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy.Dir, Path.GetRelativePath(Repo.ExampleDir, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    public static PolicyCopy Empty()
    {
        var dir = Path.Combine(Path.GetTempPath(), "pledge-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return new PolicyCopy(dir);
    }

    /// <summary>Replaces the first occurrence of <paramref name="find"/> in <paramref name="file"/>; fails if absent.</summary>
    public PolicyCopy Replace(string file, string find, string replacement)
    {
        var path = Path.Combine(Dir, file);
        var text = File.ReadAllText(path);
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' not found in {file}");
        File.WriteAllText(path, string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length)));
        return this;
    }

    /// <summary>The 1-based line of the first occurrence of <paramref name="text"/> in <paramref name="file"/>.</summary>
    public int LineOf(string file, string text)
    {
        var lines = File.ReadAllLines(Path.Combine(Dir, file));
        var index = Array.FindIndex(lines, l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{text}' not found in {file}");
        return index + 1;
    }

    public PolicyCopy Write(string file, string content)
    {
        var path = Path.Combine(Dir, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public PolicyLoadResult Load() => PolicyLoader.Load(Root);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
