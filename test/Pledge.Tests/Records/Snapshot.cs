namespace Pledge.Tests.Records;

/// <summary>
/// Compares serialised output with a file committed under Records/Snapshots. On a mismatch the actual text is
/// written to NAME.received in the test output folder so the difference can be reviewed; set PLEDGE_UPDATE_SNAPSHOTS=1 to accept it.
/// </summary>
internal static class Snapshot
{
    public static void Match(string name, string actual)
    {
        // Snapshot files end with a new line, as the repository's .editorconfig asks of every text file.
        actual = actual.EndsWith('\n') ? actual : actual + "\n";
        var folder = Path.Combine(Support.Repo.Root, "test", "Pledge.Tests", "Records", "Snapshots");
        var path = Path.Combine(folder, name);
        if (Environment.GetEnvironmentVariable("PLEDGE_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"no snapshot {path}; run with PLEDGE_UPDATE_SNAPSHOTS=1 to create it");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, name + ".received"), actual);
        }

        Assert.Equal(expected, actual);
    }
}
