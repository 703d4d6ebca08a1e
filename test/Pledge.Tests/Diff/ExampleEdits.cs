using Pledge.Diff;
using Pledge.Tests.Support;
using Pledge.Tests.TestData;

namespace Pledge.Tests.Diff;

/// <summary>Diffs the example policy against an edited copy of itself, and asserts how a change is classified.</summary>
internal static class ExampleEdits
{
    public static Pledge.Policy.Model.Policy Example { get; } = PolicyFiles.Load(Repo.ExamplePolicy);

    /// <summary>Copies the example, applies <paramref name="edit"/> to its YAML, loads it (it must stay valid) and diffs.</summary>
    public static PolicyDiffResult DiffAfter(Action<PolicyCopy> edit)
    {
        using var copy = PolicyCopy.OfExample();
        edit(copy);
        return PolicyDiff.Compare(Example, PolicyFiles.Load(copy.Root));
    }

    /// <summary>Removes the text from <paramref name="start"/> up to (not including) <paramref name="end"/>.</summary>
    public static PolicyCopy Cut(this PolicyCopy copy, string file, string start, string end)
    {
        var text = File.ReadAllText(Path.Combine(copy.Dir, file));
        var from = text.IndexOf(start, StringComparison.Ordinal);
        var to = text.IndexOf(end, from + 1, StringComparison.Ordinal);
        Assert.True(from >= 0 && to > from, $"'{start}' … '{end}' not found in {file}");
        return copy.Replace(file, text[from..to], "");
    }

    /// <summary>The change at <paramref name="path"/> is material, names <paramref name="activity"/>, which is marked for fresh consent.</summary>
    public static PolicyChange AssertMaterial(this PolicyDiffResult diff, string path, string? activity)
    {
        var change = Find(diff, path);
        Assert.True(change.Material, $"expected material: {change}");
        Assert.Equal(activity, change.ActivityId);
        Assert.True(diff.HasMaterialChanges);
        if (activity is not null)
        {
            Assert.True(diff.IsMateriallyChanged(activity), $"{activity} not in MateriallyChangedActivities");
        }

        return change;
    }

    /// <summary>The change at <paramref name="path"/> is editorial, and nothing in the diff is material.</summary>
    public static PolicyChange AssertEditorialOnly(this PolicyDiffResult diff, string path)
    {
        var change = Find(diff, path);
        Assert.False(change.Material, $"expected editorial: {change}");
        Assert.False(diff.HasMaterialChanges, "material: " + string.Join("; ", diff.MaterialChanges.Select(c => c.Description)));
        Assert.Empty(diff.MateriallyChangedActivities);
        return change;
    }

    private static PolicyChange Find(PolicyDiffResult diff, string path)
    {
        var matches = diff.Changes.Where(c => c.Path == path).ToList();
        Assert.True(matches.Count == 1, $"expected one change at {path}; got: {string.Join(" | ", diff.Changes.Select(c => $"{c.Path}: {c.Description}"))}");
        return matches[0];
    }
}
