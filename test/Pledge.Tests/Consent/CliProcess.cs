using System.Diagnostics;
using Pledge.Tests.Support;

namespace Pledge.Tests.Consent;

/// <summary>Runs the built pledge CLI as a child process, as a user or a script would, with its own environment.</summary>
internal static class CliProcess
{
    public const string Key = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    private static string Dll => Path.Combine(AppContext.BaseDirectory, "Pledge.Cli.dll");

    public static ProcessStartInfo StartInfo(string store, IEnumerable<string> args, bool withKey = true)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["PLEDGE_STORE"] = store;
        info.Environment["PLEDGE_POLICY"] = Repo.ExamplePolicy;
        info.Environment["PLEDGE_HOME"] = Path.GetTempPath();
        info.Environment.Remove("PLEDGE_LOCAL");
        if (withKey)
        {
            info.Environment["PLEDGE_PSEUDONYM_KEY"] = Key;
        }
        else
        {
            info.Environment.Remove("PLEDGE_PSEUDONYM_KEY");
        }

        return info;
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string store, params string[] args) => await RunAsync(store, true, args);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string store, bool withKey, params string[] args)
    {
        using var process = Process.Start(StartInfo(store, args, withKey))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
