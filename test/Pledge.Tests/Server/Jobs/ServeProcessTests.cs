using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pledge.Tests.Support;

namespace Pledge.Tests.Server.Jobs;

/// <summary>
/// <c>pledge serve</c> with no arguments but a free port, as a child process the way a user starts it: it prints its
/// URLs and a first API key, serves the privacy centre, the banner and decisions, and stops cleanly on a signal.
/// </summary>
public sealed partial class ServeProcessTests : IDisposable
{
    private readonly string _home = Path.Combine(Path.GetTempPath(), "pledge-serve-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Serve_Demo_ServesAndStopsCleanlyOnSignal(string signal)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repo.Root,
        };
        start.Environment["PLEDGE_HOME"] = _home;
        start.Environment.Remove("PLEDGE_STORE");
        start.Environment.Remove("PLEDGE_PSEUDONYM_KEY");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Pledge.Cli.dll"));
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        // Lines arrive through the process's own reader threads, so waiting for them never needs a free test thread.
        var lines = System.Threading.Channels.Channel.CreateUnbounded<string>();
        var printed = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                printed.Enqueue(line);
                lines.Writer.TryWrite(line);
            }
            else
            {
                lines.Writer.TryComplete(); // exited: a read now fails instead of waiting
            }
        };
        process.ErrorDataReceived += (_, e) => printed.Enqueue("stderr: " + e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            string? centre = null, key = null;
            while (key is null)
            {
                var line = await lines.Reader.ReadAsync(timeout.Token).AsTask().WaitAsync(TimeSpan.FromMinutes(2));
                centre ??= CentreLine().Match(line) is { Success: true } c ? c.Groups[1].Value : null;
                key ??= KeyLine().Match(line) is { Success: true } k ? k.Groups[1].Value : null;
            }

            Assert.True(centre is not null, "pledge serve did not print its URL:\n" + string.Join('\n', printed));
            using var http = new HttpClient { BaseAddress = new Uri(centre!) };

            var home = await http.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Contains("Farlink Remote Ltd", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var banner = await http.GetAsync("/banner.js");
            Assert.Equal(HttpStatusCode.OK, banner.StatusCode);
            Assert.Equal("text/javascript", banner.Content.Headers.ContentType?.MediaType);

            using var decide = new HttpRequestMessage(HttpMethod.Post, "/api/v1/decide")
            {
                Content = new StringContent("""{"subject":"email:ada@example.com","activity":"website-analytics"}""", Encoding.UTF8, "application/json"),
            };
            decide.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var decision = await http.SendAsync(decide);
            Assert.Equal(HttpStatusCode.OK, decision.StatusCode);
            using var json = JsonDocument.Parse(await decision.Content.ReadAsStringAsync());
            Assert.False(json.RootElement.GetProperty("allowed").GetBoolean()); // consent-based, and nobody consented

            using (var kill = Process.Start("kill", ["-s", signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(timeout.Token);
            }

            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}: " + string.Join('\n', printed));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [GeneratedRegex(@"privacy centre\s+(http://\S+?)/?$")]
    private static partial Regex CentreLine();

    [GeneratedRegex(@"first API key\s+(pk_\S+)")]
    private static partial Regex KeyLine();

    public void Dispose()
    {
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }
}
