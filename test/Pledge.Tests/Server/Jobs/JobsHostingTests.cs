using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Pledge.Access;
using Pledge.Jobs;
using Pledge.Requests.Email;
using Pledge.Server;
using Pledge.Server.Hosting;
using Pledge.Tests.Support;

namespace Pledge.Tests.Server.Jobs;

/// <summary>
/// The server's hosted background work, driven by a fake clock: retention runs at the policy's 03:17 slot against the
/// demo databases, and a message the relay refuses at first is sent on a later poll; <c>/api/v1/admin/jobs</c> shows both.
/// </summary>
public sealed class JobsHostingTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pledge-jobs-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 3, 0, 0, TimeSpan.Zero));
    private readonly SmtpRelay _relay = new(refusals: 1);
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        var databases = Path.Combine(_folder, "databases");
        Assert.True((await new Pledge.Demo.DemoSeeder(TimeProvider.System).SeedSqliteAsync(databases, new Pledge.Demo.DemoOptions(200))).Succeeded);
        var args = new List<string>
        {
            "--urls=http://127.0.0.1:0",
            "--Pledge:Policy=" + Repo.ExamplePolicy,
            "--Pledge:Store=sqlite:" + Path.Combine(_folder, "pledge.db"),
            "--Pledge:PseudonymKey=" + new string('7', 64),
            "--Pledge:Mail:SmtpHost=127.0.0.1",
            "--Pledge:Mail:SmtpPort=" + _relay.Port,
            "--Pledge:Mail:SmtpStartTls=false",
            "--Pledge:Jobs:OutboxPollSeconds=5",
            "--Pledge:Jobs:PollSeconds=60",
        };
        foreach (var system in Pledge.Policy.Loading.PolicyLoader.Load(Repo.ExamplePolicy).Policy!.Systems)
        {
            args.Add($"--Pledge:Connections:{system.ConnectionEnv}=Data Source={Pledge.Demo.DemoSeeder.SqliteFileOf(databases, system.Id)}");
        }

        _app = await PledgeServer.BuildAsync([.. args], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton<TimeProvider>(_time);
        });
        await _app.StartAsync();
    }

    [Fact]
    public async Task Serve_FakeClockPassesTheSlot_RetentionRunsAndTheRefusedMessageIsSentOnRetry()
    {
        var site = _app!.Services.GetRequiredService<PledgeSite>();
        var id = await EmailOutbox.EnqueueAsync(site.Store, new EmailMessage("dpo@farlink.example", "Due soon: request 1", "body"), "test");

        await AdvanceUntilAsync(async () => (await EmailOutbox.ListAsync(site.Store, EmailOutbox.Sent)).Count == 1
            && (await JobLeases.ListAsync(site.Store)).Any(j => j.Job == "retention" && j.Runs == 1), TimeSpan.FromSeconds(5), maxSteps: 400);

        Assert.Single(_relay.Messages);
        Assert.Equal(1, _relay.Refused);
        var sent = Assert.Single(await EmailOutbox.ListAsync(site.Store, EmailOutbox.Sent));
        Assert.Equal((id, 2), (sent.Id, sent.Attempts));
        var retention = Assert.Single(await JobLeases.ListAsync(site.Store), j => j.Job == "retention");
        Assert.Equal("ok", retention.LastOutcome);
        Assert.StartsWith("job rj_", retention.LastDetail, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 3, 17, 0, TimeSpan.Zero), retention.NextDue);

        var admin = (await ApiKeys.CreateAsync(site.Store, "test admin", [ApiScopes.Admin], "test")).Token;
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/v1/admin/jobs")).StatusCode);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", admin);
        using var report = JsonDocument.Parse(await http.GetStringAsync("/api/v1/admin/jobs"));
        Assert.Contains(report.RootElement.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("job").GetString() == "retention");
        Assert.Contains(report.RootElement.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("job").GetString() == "deadline-reminders");
        Assert.Empty(report.RootElement.GetProperty("failed").EnumerateArray());
    }

    /// <summary>
    /// Moves the fake clock on by <paramref name="step"/> until <paramref name="done"/>: the hosted services wait on
    /// this clock, so each step lets their next poll run; the real wait per step only lets their threads get there.
    /// </summary>
    private async Task AdvanceUntilAsync(Func<Task<bool>> done, TimeSpan step, int maxSteps)
    {
        for (var i = 0; i < maxSteps; i++)
        {
            if (await done())
            {
                return;
            }

            _time.Advance(step);
            await Task.WhenAny(_relay.NextMessage, Task.Delay(50));
        }

        Assert.Fail($"not done after {maxSteps} steps of {step} (fake clock at {_time.GetUtcNow():O})");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await _relay.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
