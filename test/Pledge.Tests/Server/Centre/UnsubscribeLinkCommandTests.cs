using System.Diagnostics;
using System.Net;
using Pledge.Consent;
using Pledge.Tests.Consent;

namespace Pledge.Tests.Server.Centre;

/// <summary><c>pledge consent unsubscribe-link</c>: links a mailer makes offline work on the server that shares the key.</summary>
public sealed class UnsubscribeLinkCommandTests(RunningServer server) : IClassFixture<RunningServer>
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var info = CliProcess.StartInfo("sqlite:" + Path.Combine(Path.GetTempPath(), "pledge-unused-" + Guid.NewGuid().ToString("N") + ".db"), ["consent", "unsubscribe-link", .. args]);
        info.Environment["PLEDGE_PSEUDONYM_KEY"] = RunningServer.PseudonymKeyHex;
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task CliLink_OneClickPostOnTheServer_Withdraws()
    {
        var subject = SubjectIdentifier.Parse("email:cli-link@example.com").Identifier!;
        await server.Site.Ledger.AppendAsync(new LedgerEvent(subject, LedgerEventKind.ConsentGiven, "newsletter",
            new Evidence(TimeProvider.System.GetUtcNow(), server.Site.Version, EvidenceChannel.WebForm, "test", Guid.NewGuid().ToString())));

        var (exit, output, error) = await RunAsync("email:CLI-Link@example.com", "--activity", "newsletter", "--base-url", server.BaseAddress.ToString());

        Assert.True(exit == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("List-Unsubscribe: <" + lines[0] + ">", lines[1]);
        Assert.Equal("List-Unsubscribe-Post: List-Unsubscribe=One-Click", lines[2]);
        using var client = server.Client();
        using var response = await client.PostAsync(lines[0], new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False((await server.Site.Decisions.DecideAsync(subject, "newsletter", TimeProvider.System.GetUtcNow().AddSeconds(1))).Allowed);
    }

    [Theory]
    [InlineData("--activity", "billing", "is not a consent-based or direct-marketing activity")]
    [InlineData("--base-url", "privacy.example.com", "--base-url must be an absolute http(s) address")]
    [InlineData("--base-url", "https://privacy.example.com/?x=1", "--base-url must be an absolute http(s) address")]
    public async Task BadOption_IsRefusedWithExit64(string option, string value, string message)
    {
        string[] args = ["email:a@example.com", "--activity", "newsletter", "--base-url", "https://privacy.example.com"];
        args[Array.IndexOf(args, option) + 1] = value;

        var (exit, output, error) = await RunAsync(args);

        Assert.Equal(64, exit);
        Assert.Empty(output);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
