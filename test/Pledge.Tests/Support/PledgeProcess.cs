using System.Diagnostics;

namespace Pledge.Tests.Support;

/// <summary>Runs the built CLI as a real process, from the repository root, as a user would.</summary>
internal static class PledgeProcess
{
    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
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

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "pledge did not finish within a minute");
        return (process.ExitCode, stdout, stderr.Result);
    }
}
