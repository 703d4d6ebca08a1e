using Pledge.Cli.Commands;
using Pledge.Tests.Support;

namespace Pledge.Tests.Cli;

/// <summary>pledge demo seed, pledge demo locate and pledge check --connect, run in process on a SQLite demo.</summary>
public sealed class DemoCommandTests
{
    private static readonly string[] Variables = ["PLEDGE_APP_DB", "PLEDGE_MARKETING_DB", "PLEDGE_HR_DB"];

    [Fact]
    public void Seed_SqliteFolder_WritesThreeFilesAndPrintsTheExports()
    {
        var folder = TempFolder();

        var run = CommandRun.Of(DemoCommand.Create(), "seed", "--rows", "800", "--seed", "4", "--out", folder);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            [$"export PLEDGE_APP_DB=\"Data Source={folder}/app.db\"", $"export PLEDGE_MARKETING_DB=\"Data Source={folder}/marketing.db\"", $"export PLEDGE_HR_DB=\"Data Source={folder}/hr.db\""],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("control twin pairs", run.Error, StringComparison.Ordinal);
        Assert.All(["app.db", "marketing.db", "hr.db"], f => Assert.True(File.Exists(Path.Combine(folder, f))));
    }

    [Theory]
    [InlineData("--rows", "0")]
    [InlineData("--postgres", "Host=;Password=hunter2")]
    public void Seed_BadArguments_Exits64WithoutWriting(string option, string value)
    {
        var folder = TempFolder();

        var run = CommandRun.Of(DemoCommand.Create(), "seed", option, value, "--out", folder);

        Assert.Equal(64, run.ExitCode);
        Assert.DoesNotContain("hunter2", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void SeedThenLocateThenCheck_OnTheSameFolder_FindsThePersonAndReportsNothing()
    {
        var folder = TempFolder();
        Assert.Equal(0, CommandRun.Of(DemoCommand.Create(), "seed", "--rows", "800", "--out", folder).ExitCode);
        var again = CommandRun.Of(DemoCommand.Create(), "seed", "--rows", "800", "--out", folder);
        var saved = Variables.Select(Environment.GetEnvironmentVariable).ToList();
        try
        {
            foreach (var v in Variables)
            {
                Environment.SetEnvironmentVariable(v, $"Data Source={folder}/{v.Split('_')[1].ToLowerInvariant()}.db");
            }

            var email = FirstEmail(folder);
            var located = CommandRun.Of(DemoCommand.Create(), "locate", Repo.ExamplePolicy, "--email", email.ToUpperInvariant(), "--values");
            var checkedRun = CommandRun.Of(CheckCommand.Create(), Repo.ExamplePolicy, "--connect");

            Assert.Equal(64, again.ExitCode);
            Assert.Contains("--replace", again.Error, StringComparison.Ordinal);
            Assert.Equal(0, located.ExitCode);
            Assert.Contains("app.accounts: 1 row", located.Output, StringComparison.Ordinal);
            Assert.Contains($"email={email}", located.Output, StringComparison.Ordinal);
            Assert.Equal(0, checkedRun.ExitCode);
            Assert.Empty(checkedRun.Output);
            Assert.Contains("3 systems checked against its database", checkedRun.Error, StringComparison.Ordinal);
        }
        finally
        {
            for (var i = 0; i < Variables.Length; i++)
            {
                Environment.SetEnvironmentVariable(Variables[i], saved[i]);
            }
        }
    }

    private static string FirstEmail(string folder)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={folder}/app.db;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT email FROM accounts ORDER BY id LIMIT 1";
        return (string)command.ExecuteScalar()!;
    }

    private static string TempFolder() => Path.Combine(Path.GetTempPath(), "pledge-cli-demo-" + Guid.NewGuid().ToString("N")[..12]);
}
