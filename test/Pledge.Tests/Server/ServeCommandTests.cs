using System.Diagnostics;
using Pledge.Tests.Support;

namespace Pledge.Tests.Server;

/// <summary><c>pledge serve</c> as a user runs it: bad settings are refused with the setting named.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "pledge-serve-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("--store", "sqlite:", "sqlite: needs a file path")]
    [InlineData("--policy", "no-such-policy.yaml", "Pledge:Policy: no file at")]
    [InlineData("--Pledge:Mail:From", "not-an-address", "Pledge:Mail:From: 'not-an-address' is not an e-mail address")]
    [InlineData("--Pledge:Mail:SmtpPort", "70000", "Pledge:Mail:SmtpPort must be between 1 and 65535")]
    [InlineData("--Pledge:Decisions:CacheCapacity", "-1", "Pledge:Decisions:CacheCapacity must be between 0 and 10000000")]
    [InlineData("--Pledge:Decisions:PollMilliseconds", "5000", "Pledge:Decisions:MaxStalenessMilliseconds must be at least twice PollMilliseconds")]
    public async Task Serve_BadSetting_FailsWithTheSettingNamed(string option, string value, string message)
    {
        using var process = Start("serve", option, value, "--urls", "http://127.0.0.1:0");
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);

        Assert.Equal(78, process.ExitCode);
        Assert.Contains(message, await stderr, StringComparison.Ordinal);
    }

    private Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repo.Root,
        };
        start.Environment["PLEDGE_HOME"] = _home;
        start.Environment.Remove("PLEDGE_STORE");
        start.Environment["PLEDGE_PSEUDONYM_KEY"] = new string('a', 64);
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Pledge.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }
}
