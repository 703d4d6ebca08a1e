using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Pledge.Tests.Support;

/// <summary>
/// pledge-redact, the redact command compiled to native code, published once per test run from src/Pledge.Redact
/// into a folder of its own (its own intermediate files too, so a developer's builds are not touched).
/// </summary>
internal static class NativeRedact
{
    private static readonly Lazy<string> Published = new(Publish, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The executable; the first call publishes it (about half a minute).</summary>
    public static string Path => Published.Value;

    private static string Publish()
    {
        var root = Directory.CreateTempSubdirectory("pledge-native-redact-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(root, recursive: true);
        var rid = RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64";
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repo.Root,
        };
        foreach (var arg in new[]
                 {
                     "publish", System.IO.Path.Combine(Repo.Root, "src", "Pledge.Redact", "Pledge.Redact.csproj"), "-c", "Release", "-r", rid,
                     "--artifacts-path", System.IO.Path.Combine(root, "build"), "-o", System.IO.Path.Combine(root, "out"), "--nologo",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("publishing pledge-redact took more than five minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"publishing pledge-redact failed ({process.ExitCode}):\n{stdout}\n{stderr.Result}");
        }

        return System.IO.Path.Combine(root, "out", "pledge-redact");
    }
}
