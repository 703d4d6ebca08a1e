using System.Diagnostics;
using Pledge.Audit;
using Pledge.Storage;
using Pledge.Tests.Support;

namespace Pledge.Tests.Consent;

/// <summary>
/// An acknowledged event is never lost: a child process appends events from 64 concurrent callers and prints each key
/// as soon as its append returns; the test kills it with SIGKILL mid-run, reopens the store and finds every printed
/// key. Run on both stores.
/// </summary>
public abstract class DurabilityTests : StoreTests
{
    private string StoreText => Location.Kind == StoreKind.Postgres ? "postgres:" + Location.Target : "sqlite:" + Location.Target;

    [Fact]
    public async Task AppendStress_KilledMidRun_EveryAcknowledgedEventIsStored()
    {
        var run = "dur" + Guid.NewGuid().ToString("N")[..6];
        var acknowledged = new List<string>();
        using (var process = Process.Start(CliProcess.StartInfo(StoreText, ["consent", "append-stress", "--run", run, "--concurrency", "64", "--count", "10000000"]))!)
        {
            process.StandardInput.Close();
            var stderr = process.StandardError.ReadToEndAsync();
            var reader = process.StandardOutput;
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (acknowledged.Count < 5000 && await reader.ReadLineAsync(deadline.Token) is { } line)
            {
                acknowledged.Add(line);
            }

            if (acknowledged.Count < 5000)
            {
                Assert.Fail("the child stopped early: " + await stderr);
            }

            process.Kill(); // SIGKILL on Unix: no finalisers, no flush, no orderly shutdown
            // Keys printed before the kill are acknowledged too: read what is left in the pipe.
            while (await reader.ReadLineAsync(deadline.Token) is { } line)
            {
                acknowledged.Add(line);
            }

            await process.WaitForExitAsync(deadline.Token);
            Assert.Equal(137, process.ExitCode);
        }

        await ReopenAsync();
        var stored = await Store.ReadAsync(async (session, ct) =>
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            using var command = session.Command("SELECT idempotency_key FROM ledger_events WHERE idempotency_key LIKE @p").With("@p", run + "-%");
            using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                keys.Add(reader.GetString(0));
            }

            return keys;
        });

        var lost = acknowledged.Where(k => !stored.Contains(k)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {acknowledged.Count} acknowledged events are missing, e.g. {string.Join(", ", lost.Take(5))}");
        Assert.True(stored.Count >= acknowledged.Count);
        var audit = await AuditLog.VerifyAsync(Store);
        Assert.True(audit.Intact, audit.Message);
    }
}

public sealed class SqliteDurabilityTests : DurabilityTests
{
    protected override Task<StoreLocation> NewLocationAsync() => Task.FromResult(SqliteStore.NewLocation());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresDurabilityTests(PostgresServer server) : DurabilityTests
{
    protected override Task<StoreLocation> NewLocationAsync() => PostgresStore.NewLocationAsync(server);
}
