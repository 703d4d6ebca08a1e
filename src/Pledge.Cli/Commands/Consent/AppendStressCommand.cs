using System.CommandLine;
using System.Globalization;
using Pledge.Consent;

namespace Pledge.Cli.Commands.Consent;

/// <summary>
/// Hidden <c>append-stress</c>: appends events from many concurrent callers and prints each idempotency key the moment
/// its append returns. The durability test kills it with SIGKILL and checks that every printed key is in the store.
/// </summary>
internal static class AppendStressCommand
{
    public static Command Create(StoreOptions store)
    {
        var count = new Option<int>("--count") { Description = "Events to append.", DefaultValueFactory = _ => 1_000_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Concurrent callers.", DefaultValueFactory = _ => 64 };
        var run = new Option<string>("--run") { Description = "A prefix that makes this run's keys unique.", DefaultValueFactory = _ => Guid.NewGuid().ToString("N")[..8] };
        var command = new Command("append-stress", "Append events concurrently, printing each acknowledged idempotency key.") { count, concurrency, run };
        command.Hidden = true;
        command.SetAction(async (parse, ct) =>
        {
            var (session, code) = await ConsentSession.OpenAsync(parse, store, writes: true, ct);
            if (session is null)
            {
                return code;
            }

            await using (session)
            {
                var activity = session.Policy.Activities.First(a => a.Consent.Mode == Pledge.Policy.Model.ConsentMode.OptIn).Id;
                var total = parse.GetValue(count);
                var prefix = parse.GetValue(run);
                var next = -1;
                var stdout = Console.Out; // synchronised and flushed on every write
                var workers = Enumerable.Range(0, Math.Max(1, parse.GetValue(concurrency))).Select(_ => Task.Run(async () =>
                {
                    for (var i = Interlocked.Increment(ref next); i < total; i = Interlocked.Increment(ref next))
                    {
                        var key = $"{prefix}-{i.ToString(CultureInfo.InvariantCulture)}";
                        var subject = SubjectIdentifier.Create("account_id", "stress-" + (i % 10_000).ToString(CultureInfo.InvariantCulture)).Identifier!;
                        var evidence = new Evidence(session.Store.Time.GetUtcNow(), session.Policy.Notice.Version, EvidenceChannel.Api, "stress", key);
                        var result = await session.Ledger.AppendAsync(new LedgerEvent(subject, i % 4 == 3 ? LedgerEventKind.ConsentWithdrawn : LedgerEventKind.ConsentGiven, activity, evidence), ct);
                        if (result.Accepted)
                        {
                            stdout.WriteLine(key);
                        }
                    }
                }, ct)).ToArray();
                await Task.WhenAll(workers);
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
