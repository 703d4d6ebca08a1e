using System.Diagnostics;
using System.Globalization;
using Pledge.Consent;
using Pledge.Storage;

namespace Pledge.Bench.Consent;

/// <summary>
/// <c>ledger-append --store S [--events N] [--concurrency C...] [--subjects K] [--server-pid P]</c>: durable appends per second
/// through <see cref="ConsentLedger.AppendAsync"/>, with C callers each appending one event at a time and awaiting
/// it (as C concurrent HTTP requests would). Every append has returned — so is committed, durably — when the clock
/// stops. Group commit batches whatever is queued, so throughput grows with concurrency while each call still waits
/// for its own commit. Each round appends for subjects of its own (K of them, so a quarter of a 200,000-event round's
/// events create their subject), after a warm-up round of the same size that is not measured.
/// </summary>
internal static class LedgerAppendBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var store = BenchArgs.Get(args, "--store", "sqlite:ledger-bench.db");
        var events = BenchArgs.Int(args, "--events", 200_000);
        var subjects = BenchArgs.Int(args, "--subjects", 50_000);
        // The postmaster's pid when the PostgreSQL server runs on this machine: each round then reports its CPU too.
        var server = BenchArgs.Int(args, "--server-pid", 0) is var pid and > 0 ? new ServerCpu(pid) : null;
        var levels = BenchArgs.Get(args, "--concurrency", "1,64,1024,4096").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture));
        var policy = BenchPolicy.Load();
        var (own, pseudonyms) = await BenchArgs.OpenAsync(store, policy);
        await using var _ = own;
        await using var ledger = await ConsentLedger.OpenAsync(own, policy, pseudonyms);
        var activities = policy.Activities.Where(a => a.Consent.Mode != Pledge.Policy.Model.ConsentMode.None).Select(a => a.Id).ToArray();
        var run = Guid.NewGuid().ToString("N")[..8];
        Console.WriteLine($"store: {own.Location.Display} ({own.Kind}); {activities.Length} consent activities; {subjects:N0} subjects");

        // Warm up outside the measurement, through the same concurrent path that is measured, long enough for the JIT to
        // finish its tiers (a short warm-up leaves a quarter of the measured CPU to the compiler) and on other subjects,
        // so the measured rounds still create theirs.
        await AppendConcurrentlyAsync(ledger, own, policy, activities, $"{run}-warm", "warm-", events, subjects, 4096);
        var round = 0;
        foreach (var concurrency in levels)
        {
            // Sequential appends are bounded by one fsync each: measure fewer so the run stays short.
            var count = concurrency == 1 ? Math.Min(events, 2_000) : events;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var serverCpu = server?.Read();
            var stopwatch = Stopwatch.StartNew();
            await AppendConcurrentlyAsync(ledger, own, policy, activities, $"{run}-{round}", $"bench{round++}-", count, subjects, concurrency);
            stopwatch.Stop();
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.Write($"concurrency {concurrency,5}: {count,9:N0} durable appends in {stopwatch.Elapsed.TotalSeconds,6:F2} s = {BenchArgs.Rate(count, stopwatch.Elapsed),9} events/s; " +
                $"process CPU {used.TotalMicroseconds / count,6:F1} us/event");
            if (server is not null)
            {
                // Server processes of this round's connections may still be running: their time so far is counted.
                var spent = (server.Read() - serverCpu!.Value).TotalMicroseconds / count;
                var both = spent + (used.TotalMicroseconds / count);
                Console.Write(string.Create(CultureInfo.InvariantCulture,
                    $"; server CPU {spent,5:F1} us/event; both on {Environment.ProcessorCount} cores allow {Environment.ProcessorCount * 1e6 / both,7:N0} events/s"));
            }

            Console.WriteLine();
        }

        return 0;
    }

    /// <summary><paramref name="concurrency"/> callers append <paramref name="count"/> events between them, one at a time each.</summary>
    private static Task AppendConcurrentlyAsync(ConsentLedger ledger, OwnStore own, Pledge.Policy.Model.Policy policy, string[] activities,
        string keyPrefix, string subjectPrefix, int count, int subjects, int concurrency)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var subject = SubjectIdentifier.Create("account_id", subjectPrefix + (i % subjects).ToString(CultureInfo.InvariantCulture)).Identifier!;
                var e = new LedgerEvent(subject, i % 5 == 4 ? LedgerEventKind.ConsentWithdrawn : LedgerEventKind.ConsentGiven, activities[i % activities.Length],
                    new Evidence(own.Time.GetUtcNow(), policy.Notice.Version, EvidenceChannel.Api, "bench", $"{keyPrefix}-{i}"));
                var result = await ledger.AppendAsync(e);
                if (!result.Accepted)
                {
                    throw new InvalidOperationException(result.Error!.Message);
                }
            }
        })));
    }
}
