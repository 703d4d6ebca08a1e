using Pledge.Audit;
using Pledge.Connectors.Locating;
using PolicyVersions = Pledge.Consent.PolicyVersions;
using Pledge.Jobs;
using Pledge.Policy.Loading;
using Pledge.Requests;
using Pledge.Requests.Email;
using Pledge.Storage;
using Pledge.Tests.Support;

namespace Pledge.Tests.Server.Jobs;

/// <summary>
/// The background work's guarantees on one store shared by two instances (two <see cref="OwnStore"/>s on the same
/// location, as two servers would have): a due job runs once, a message is sent once, a reminder is enqueued once; a
/// failing relay is retried with backoff, then succeeds or is given up visibly. Time is a fake clock.
/// </summary>
public abstract class JobsContract : StoreTests
{
    private static readonly JobSchedule Hourly = new(TimeSpan.FromHours(1), TimeSpan.FromMinutes(17));

    [Fact]
    public async Task RunIfDue_TwoInstancesAtOneSlot_RunTheJobOnce()
    {
        await using var other = await OpenStoreAsync();
        var runs = 0;
        var job = new ScheduledJob("count", Hourly, TimeSpan.FromMinutes(5), async ct =>
        {
            Interlocked.Increment(ref runs);
            await Task.Yield();
            return "counted";
        });
        var first = new JobRunner(Store, "a");
        var second = new JobRunner(other, "b");

        Assert.Null(await first.RunIfDueAsync(job)); // first sight: recorded as due at 12:17, not run at 12:00
        Time.Advance(TimeSpan.FromMinutes(20));
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? first : second).RunIfDueAsync(job)));

        Assert.Equal(1, runs);
        Assert.Single(outcomes, o => o is not null);
        var status = Assert.Single(await JobLeases.ListAsync(Store));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 13, 17, 0, TimeSpan.Zero), status.NextDue);
        Assert.Equal(("ok", "counted", (string?)null), (status.LastOutcome, status.LastDetail, status.RunningOn));

        Time.Advance(TimeSpan.FromHours(1));
        await Task.WhenAll(first.RunIfDueAsync(job), second.RunIfDueAsync(job));
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task RunIfDue_FailingJob_RecordsTheFailureAndIsDueAtTheNextSlot()
    {
        var runner = new JobRunner(Store, "a");
        var job = new ScheduledJob("broken", Hourly, TimeSpan.FromMinutes(5), _ => throw new InvalidOperationException("target database is down"));
        await runner.RunIfDueAsync(job);
        Time.Advance(TimeSpan.FromMinutes(20));

        var outcome = await runner.RunIfDueAsync(job);

        Assert.False(outcome!.Succeeded);
        var status = Assert.Single(await JobLeases.ListAsync(Store));
        Assert.Equal("failed", status.LastOutcome);
        Assert.Contains("target database is down", status.LastDetail, StringComparison.Ordinal);
        Assert.Null(await runner.RunIfDueAsync(job));
        Time.Advance(TimeSpan.FromHours(1));
        Assert.NotNull(await runner.RunIfDueAsync(job));
    }

    [Fact]
    public async Task RunIfDue_OwnerDiedHoldingTheLease_AnotherInstanceRunsItAfterTheLeaseExpires()
    {
        await using var other = await OpenStoreAsync();
        var job = new ScheduledJob("count", Hourly, TimeSpan.FromMinutes(5), _ => Task.FromResult("ran"));
        await new JobRunner(Store, "a").RunIfDueAsync(job);
        Time.Advance(TimeSpan.FromMinutes(20));
        Assert.True(await JobLeases.TryClaimAsync(Store, "count", Hourly, "dead", TimeSpan.FromMinutes(5))); // claimed, then the owner died

        Assert.Null(await new JobRunner(other, "b").RunIfDueAsync(job));
        Time.Advance(TimeSpan.FromMinutes(6));
        Assert.True((await new JobRunner(other, "b").RunIfDueAsync(job))!.Succeeded);
    }

    [Fact]
    public async Task Dispatch_TwoInstancesAtOnce_SendEachMessageOnce()
    {
        await using var other = await OpenStoreAsync();
        for (var i = 0; i < 40; i++)
        {
            await EmailOutbox.EnqueueAsync(Store, new EmailMessage($"dpo{i}@example.org", $"message {i}", "body"), "test");
        }

        var sender = new RecordingSender();
        var options = new OutboxOptions(BatchSize: 7);
        var a = new OutboxDispatcher(Store, sender, options, "a");
        var b = new OutboxDispatcher(other, sender, options, "b");
        for (var round = 0; round < 10; round++)
        {
            await Task.WhenAll(a.DispatchDueAsync(), b.DispatchDueAsync(), a.DispatchDueAsync(), b.DispatchDueAsync());
        }

        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"message {i}").Order(StringComparer.Ordinal), sender.Subjects.Order(StringComparer.Ordinal));
        Assert.Equal(40, (await EmailOutbox.ListAsync(Store, EmailOutbox.Sent)).Count);
    }

    [Fact]
    public async Task Dispatch_RelayRefusesTwice_RetriesWithBackoffThenSendsOnce()
    {
        await using var relay = new SmtpRelay(refusals: 2);
        var sender = new SmtpEmailSender("privacy@farlink.example", "127.0.0.1", relay.Port, enableSsl: false, null);
        var dispatcher = new OutboxDispatcher(Store, sender, new OutboxOptions(FirstRetry: TimeSpan.FromSeconds(30)), "a");
        var id = await EmailOutbox.EnqueueAsync(Store, new EmailMessage("dpo@example.org", "Due soon: request 7", "body"), "test");

        Assert.Equal(1, (await dispatcher.DispatchDueAsync()).Retried);
        var waiting = Assert.Single(await EmailOutbox.ListAsync(Store, EmailOutbox.Pending));
        Assert.Equal((id, 1, Time.GetUtcNow() + TimeSpan.FromSeconds(30)), (waiting.Id, waiting.Attempts, waiting.NextAttempt));
        Assert.Contains("SmtpException", waiting.LastError, StringComparison.Ordinal);

        Time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, (await dispatcher.DispatchDueAsync()).Claimed); // not before its backoff
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await dispatcher.DispatchDueAsync()).Retried);
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromSeconds(60), Assert.Single(await EmailOutbox.ListAsync(Store, EmailOutbox.Pending)).NextAttempt); // doubled

        Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, (await dispatcher.DispatchDueAsync()).Sent);
        Assert.Equal(0, (await dispatcher.DispatchDueAsync()).Claimed);

        var message = Assert.Single(relay.Messages);
        Assert.Contains("dpo@example.org", message, StringComparison.Ordinal);
        var sent = Assert.Single(await EmailOutbox.ListAsync(Store, EmailOutbox.Sent));
        Assert.Equal((3, (string?)null), (sent.Attempts, sent.LastError));
    }

    [Fact]
    public async Task Dispatch_RelayNeverAnswers_GivesUpAfterTheLimitWithTheFailureVisible()
    {
        await using var relay = new SmtpRelay(refusals: int.MaxValue);
        var sender = new SmtpEmailSender("privacy@farlink.example", "127.0.0.1", relay.Port, enableSsl: false, null);
        var dispatcher = new OutboxDispatcher(Store, sender, new OutboxOptions(MaxAttempts: 3, FirstRetry: TimeSpan.FromSeconds(10)), "a");
        await EmailOutbox.EnqueueAsync(Store, new EmailMessage("dpo@example.org", "Overdue: request 7", "body"), "request.reminder");

        for (var i = 0; i < 3; i++)
        {
            await dispatcher.DispatchDueAsync();
            Time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Empty(await EmailOutbox.ListAsync(Store, EmailOutbox.Pending));
        var failed = Assert.Single(await EmailOutbox.ListAsync(Store, EmailOutbox.Failed));
        Assert.Equal((3, "request.reminder"), (failed.Attempts, failed.Reason));
        Assert.NotNull(failed.LastError);
        Assert.Equal(0, (await dispatcher.DispatchDueAsync()).Claimed);
        Assert.Equal(3, relay.Refused);
    }

    [Fact]
    public async Task SendCode_RelayDown_RequestIsKeptAndTheCodeFollowsOnRetry()
    {
        await using var relay = new SmtpRelay(refusals: 1);
        var sender = new SmtpEmailSender("privacy@farlink.example", "127.0.0.1", relay.Port, enableSsl: false, null);
        var desk = await DeskAsync(sender);

        var submitted = await desk.SubmitAsync(new RequestSubmission(RequestKind.Access, SubjectIdentifier.Email("ada@example.org"), "ada@example.org"), "subject");

        Assert.True(submitted.Succeeded);
        Assert.Empty(relay.Messages);
        Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, (await new OutboxDispatcher(Store, sender, new OutboxOptions(), "worker").DispatchDueAsync()).Sent);
        var code = System.Text.RegularExpressions.Regex.Match(BodyOf(Assert.Single(relay.Messages)), @" is (\d{6})\.").Groups[1].Value;
        Assert.True((await desk.VerifyAsync(submitted.Request!.Id, code, "subject")).Succeeded);
        Assert.DoesNotContain(code, await BodiesAsync(), StringComparison.Ordinal); // cleared once sent
    }

    [Fact]
    public async Task Reminders_TwoInstances_EnqueueOnePerRequestPerState()
    {
        await using var other = await OpenStoreAsync();
        var desk = await DeskAsync(null);
        var otherDesk = new RequestDesk(other, desk.Policy, Key, null);
        var request = (await desk.SubmitAsync(new RequestSubmission(RequestKind.Access, SubjectIdentifier.Email("bo@example.org"), null), "staff")).Request!;
        var a = new DeadlineReminders(desk, "dpo@farlink.example", TimeSpan.FromDays(7));
        var b = new DeadlineReminders(otherDesk, "dpo@farlink.example", TimeSpan.FromDays(7));

        Assert.Equal(0, await a.RunAsync()); // due in a month
        Time.Advance(request.Due - Time.GetUtcNow() - TimeSpan.FromDays(6));
        var soon = await Task.WhenAll(a.RunAsync(), b.RunAsync(), a.RunAsync(), b.RunAsync());
        Assert.Equal(1, soon.Sum());
        Time.Advance(TimeSpan.FromDays(7));
        var late = await Task.WhenAll(a.RunAsync(), b.RunAsync(), a.RunAsync());
        Assert.Equal(1, late.Sum());

        var messages = await EmailOutbox.ListAsync(Store);
        Assert.Equal(2, messages.Count);
        Assert.StartsWith($"Overdue: access request {request.Id} was due", messages[0].Subject, StringComparison.Ordinal);
        Assert.StartsWith($"Due soon: access request {request.Id} is due", messages[1].Subject, StringComparison.Ordinal);
        Assert.All(messages, m => Assert.Equal(("dpo@farlink.example", "request.reminder"), (m.To, m.Reason)));
        Assert.DoesNotContain("bo@example.org", string.Concat(await BodiesAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reminders_ClosedRequest_IsNotReminded()
    {
        var desk = await DeskAsync(null);
        var request = (await desk.SubmitAsync(new RequestSubmission(RequestKind.Access, SubjectIdentifier.Email("cy@example.org"), null), "staff")).Request!;
        await desk.RejectAsync(request.Id, RejectionReason.ManifestlyUnfounded, null, "staff");
        Time.Advance(TimeSpan.FromDays(40));

        Assert.Equal(0, await new DeadlineReminders(desk, "dpo@farlink.example", TimeSpan.FromDays(7)).RunAsync());
    }

    /// <summary>The text of a message's body as the relay got it (base64 or quoted-printable, as the client chose).</summary>
    private static string BodyOf(string data)
    {
        var split = data.IndexOf("\n\n", StringComparison.Ordinal);
        var (headers, body) = (data[..split], data[(split + 2)..]);
        if (headers.Contains("Content-Transfer-Encoding: base64", StringComparison.OrdinalIgnoreCase))
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(body.Replace("\n", "", StringComparison.Ordinal)));
        }

        return System.Text.RegularExpressions.Regex.Replace(body.Replace("=\n", "", StringComparison.Ordinal), "=([0-9A-F]{2})",
            m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
    }

    private static readonly PseudonymKey Key = PseudonymKey.Parse(new string('5', 64)).Key!;

    private async Task<RequestDesk> DeskAsync(EmailSender? sender)
    {
        var policy = PolicyLoader.Load(Repo.ExamplePolicy).Policy!;
        await PolicyVersions.DeployAsync(Store, policy.Notice.Version, null, "test");
        return new RequestDesk(Store, policy, Key, sender);
    }

    private Task<string> BodiesAsync() => Store.ReadAsync(async (session, ct) =>
    {
        using var command = session.Command("SELECT body FROM email_outbox WHERE body IS NOT NULL");
        using var reader = await command.ExecuteReaderAsync(ct);
        var all = new System.Text.StringBuilder();
        while (await reader.ReadAsync(ct))
        {
            all.Append(reader.GetString(0));
        }

        return all.ToString();
    });

    private sealed class RecordingSender() : EmailSender("privacy@farlink.example")
    {
        public System.Collections.Concurrent.ConcurrentBag<string> Subjects { get; } = [];

        public override async Task SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            Subjects.Add(message.Subject);
        }
    }
}

public sealed class SqliteJobsTests : JobsContract
{
    protected override Task<StoreLocation> NewLocationAsync() => Task.FromResult(SqliteStore.NewLocation());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresJobsTests(PostgresServer server) : JobsContract
{
    protected override Task<StoreLocation> NewLocationAsync() => PostgresStore.NewLocationAsync(server);
}
