using System.Diagnostics;
using System.Globalization;
using Pledge.Consent;

namespace Pledge.Bench.Consent;

/// <summary>
/// <c>ledger-append --store S [--events N] [--concurrency C...] [--subjects K]</c>: durable appends per second
/// through <see cref="ConsentLedger.AppendAsync"/>, with C callers each appending one event at a time and awaiting
/// it (as C concurrent HTTP requests would). Every append has returned — so is committed, durably — when the clock
/// stops. Group commit batches whatever is queued, so throughput grows with concurrency while each call still waits
/// for its own commit.
/// </summary>
internal static class LedgerAppendBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var store = BenchArgs.Get(args, "--store", "sqlite:ledger-bench.db");
        var events = BenchArgs.Int(args, "--events", 200_000);
        var subjects = BenchArgs.Int(args, "--subjects", 50_000);
        var levels = BenchArgs.Get(args, "--concurrency", "1,64,1024,4096").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture));
        var policy = BenchPolicy.Load();
        var (own, pseudonyms) = await BenchArgs.OpenAsync(store, policy);
        await using var _ = own;
        await using var ledger = await ConsentLedger.OpenAsync(own, policy, pseudonyms);
        var activities = policy.Activities.Where(a => a.Consent.Mode != Pledge.Policy.Model.ConsentMode.None).Select(a => a.Id).ToArray();
        var run = Guid.NewGuid().ToString("N")[..8];
        Console.WriteLine($"store: {own.Location.Display} ({own.Kind}); {activities.Length} consent activities; {subjects:N0} subjects");

        var round = 0;
        // Warm up (JIT, pools, prepared statements) outside the measurement.
        await ledger.AppendManyAsync([.. Enumerable.Range(0, 5_000).Select(i => new LedgerEvent(SubjectIdentifier.Create("account_id", "warm-" + (i % 500).ToString(CultureInfo.InvariantCulture)).Identifier!,
            LedgerEventKind.ConsentGiven, activities[i % activities.Length], new Evidence(own.Time.GetUtcNow(), policy.Notice.Version, EvidenceChannel.Api, "bench", $"{run}-warm-{i}")))]);
        foreach (var concurrency in levels)
        {
            // Sequential appends are bounded by one fsync each: measure fewer so the run stays short.
            var count = concurrency == 1 ? Math.Min(events, 2_000) : events;
            var prefix = $"{run}-{round++}";
            var next = -1;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
                {
                    var subject = SubjectIdentifier.Create("account_id", "bench-" + (i % subjects).ToString(CultureInfo.InvariantCulture)).Identifier!;
                    var e = new LedgerEvent(subject, i % 5 == 4 ? LedgerEventKind.ConsentWithdrawn : LedgerEventKind.ConsentGiven, activities[i % activities.Length],
                        new Evidence(own.Time.GetUtcNow(), policy.Notice.Version, EvidenceChannel.Api, "bench", $"{prefix}-{i}"));
                    var result = await ledger.AppendAsync(e);
                    if (!result.Accepted)
                    {
                        throw new InvalidOperationException(result.Error!.Message);
                    }
                }
            })));
            stopwatch.Stop();
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine($"concurrency {concurrency,5}: {count,9:N0} durable appends in {stopwatch.Elapsed.TotalSeconds,6:F2} s = {BenchArgs.Rate(count, stopwatch.Elapsed),9} events/s; " +
                $"process CPU {used.TotalMicroseconds / count,6:F1} us/event");
        }

        return 0;
    }
}
