using System.Diagnostics;
using Pledge.Tests.Connectors;
using Pledge.Tests.Support;

namespace Pledge.Tests.Retention;

/// <summary>
/// The crash test with a real process: <c>pledge retention run</c> ends abruptly (Environment.FailFast, no cleanup, its
/// lease left behind) after some batches, is run again, and must leave the databases as an uninterrupted run does.
/// </summary>
public sealed class RetentionCrashProcessTests
{
    [Fact]
    public async Task Run_ProcessKilledAfterBatchesThenRunAgain_EndsAsAnUninterruptedRun()
    {
        var whole = await DemoDatabase.SqliteAsync(rows: 3_000, seed: 13);
        var broken = await DemoDatabase.SqliteAsync(rows: 3_000, seed: 13);
        var wholeStore = "sqlite:" + Path.Combine(whole.Folder!, "store.db");
        var brokenStore = "sqlite:" + Path.Combine(broken.Folder!, "store.db");

        var reference = Run(whole, null, "retention", "run", "--store", wholeStore, "--batch-size", "25");
        Assert.True(reference.Code == 0, reference.Stderr);

        var killed = Run(broken, "6", "retention", "run", "--store", brokenStore, "--batch-size", "25", "--lease-seconds", "1");
        Assert.NotEqual(0, killed.Code);
        Assert.Equal(6, killed.Stdout.Split('\n').Count(l => l.Contains(": batch ", StringComparison.Ordinal))); // then it died

        await Task.Delay(TimeSpan.FromSeconds(1.5)); // the dead run's lease expires
        var resumed = Run(broken, null, "retention", "run", "--store", brokenStore, "--batch-size", "25");
        Assert.True(resumed.Code == 0, resumed.Stderr);
        Assert.Contains("(resumed)", resumed.Stdout, StringComparison.Ordinal);

        foreach (var system in whole.Policy.Systems)
        {
            Assert.Equal(await whole.DumpAsync(system.Id), await broken.DumpAsync(system.Id));
        }
    }

    private static (int Code, string Stdout, string Stderr) Run(DemoDatabase db, string? crashAfter, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repo.Root,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Pledge.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in db.Seed.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["PLEDGE_PSEUDONYM_KEY"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        start.Environment["PLEDGE_POLICY"] = Repo.ExamplePolicy;
        start.Environment["PLEDGE_RETENTION_CRASH_AFTER"] = crashAfter ?? "";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "pledge did not finish within two minutes");
        return (process.ExitCode, stdout, stderr.Result);
    }
}
