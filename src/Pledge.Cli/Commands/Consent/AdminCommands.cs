using System.CommandLine;
using Pledge.Consent;

namespace Pledge.Cli.Commands.Consent;

/// <summary><c>deploy</c>, <c>rebuild</c>, <c>link</c>, <c>erase</c>.</summary>
internal static class AdminCommands
{
    public static Command Deploy(StoreOptions store)
    {
        var changed = new Option<string?>("--changed") { Description = "Activities whose terms changed materially since the last deployed version, comma separated ('' for none)." };
        var baseline = new Option<bool>("--baseline") { Description = "Record the version as a baseline: consent to every activity must be given again." };
        var previous = new Option<string?>("--previous") { Description = "The policy file of the version deployed before: the activities pledge diff finds materially changed need fresh consent." };
        var command = new Command("deploy", "Record the policy's notice version as deployed, with the activities whose terms changed materially (consent to them must be given again).") { changed, baseline, previous };
        command.SetAction(async (parse, ct) =>
        {
            var names = parse.GetValue(changed);
            var before = parse.GetValue(previous);
            if ((names is null ? 0 : 1) + (parse.GetValue(baseline) ? 1 : 0) + (before is null ? 0 : 1) != 1)
            {
                return Output.Fail(ExitCodes.Usage, "say what changed, one way: --previous OLD_POLICY (classified by pledge diff), --changed a,b (--changed '' for nothing material), or --baseline");
            }

            if (before is not null)
            {
                var old = Pledge.Policy.Loading.PolicyLoader.Load(before);
                if (old.HasErrors)
                {
                    return Output.Fail(ExitCodes.PolicyErrors, $"{before}: the previous policy has errors; run pledge check {before}");
                }

                var current = Pledge.Policy.Loading.PolicyLoader.Load(PolicyArgument.Resolve(parse.GetValue(store.Policy)));
                if (current.Policy is not null)
                {
                    names = string.Join(',', Pledge.Diff.PolicyDiff.Compare(old.Policy!, current.Policy).MateriallyChangedActivities.Order(StringComparer.Ordinal));
                }
            }

            var (session, code) = await ConsentSession.OpenAsync(parse, store, writes: false, ct);
            if (session is null)
            {
                return code;
            }

            await using (session)
            {
                var ids = names?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (ids?.FirstOrDefault(id => session.Policy.Activity(id) is null) is { } unknown)
                {
                    return Output.Fail(ExitCodes.Usage, $"the policy has no activity '{unknown}'");
                }

                var version = session.Policy.Notice.Version;
                var outcome = await PolicyVersions.DeployAsync(session.Store, version, ids, CliActor.Current, ct);
                Console.Out.WriteLine(outcome == DeployOutcome.Recorded
                    ? $"deployed policy version {version}; fresh consent needed for: {(ids is null ? "every activity" : ids.Length == 0 ? "none" : string.Join(", ", ids))}"
                    : $"policy version {version} was already deployed; nothing changed");
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    public static Command Rebuild(StoreOptions store)
    {
        var command = new Command("rebuild", "Rebuild the current state from the ledger's events (the same state the incremental projection keeps).");
        command.SetAction(async (parse, ct) =>
        {
            var (session, code) = await ConsentSession.OpenAsync(parse, store, writes: false, ct);
            if (session is null)
            {
                return code;
            }

            await using (session)
            {
                var before = await ConsentProjection.LoadAllAsync(session.Store, ct);
                var replayed = await ConsentProjection.RebuildAsync(session.Store, CliActor.Current, ct);
                var after = await ConsentProjection.LoadAllAsync(session.Store, ct);
                Console.Out.WriteLine($"replayed {replayed} events into {after.Count} state rows; {(before.SequenceEqual(after) ? "identical to" : "different from")} the state before");
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    public static Command Link(StoreOptions store)
    {
        var known = new Argument<string>("subject") { Description = "An identifier of the subject (kind:value)." };
        var other = new Argument<string>("other") { Description = "Another identifier of the same person, to link." };
        var command = new Command("link", "Link another identifier (account id, phone, cookie id) to a subject.") { known, other };
        command.SetAction(async (parse, ct) =>
        {
            var (session, code) = await ConsentSession.OpenAsync(parse, store, writes: false, ct);
            if (session is null)
            {
                return code;
            }

            await using (session)
            {
                if (ConsentSession.Subject(parse.GetValue(known), null) is not { } a || ConsentSession.Subject(parse.GetValue(other), null) is not { } b)
                {
                    return ExitCodes.Usage;
                }

                var outcome = await session.Store.WriteAsync((tx, c) => SubjectDirectory.LinkAsync(tx, a, b, CliActor.Current, session.Pseudonyms, c), ct);
                return outcome switch
                {
                    LinkOutcome.BelongsToAnotherSubject => Output.Fail(ExitCodes.Rejected, $"refused: {b.Key} belongs to another subject; histories are never merged"),
                    LinkOutcome.AlreadyLinked => Report($"{b.Key} already belongs to {a.Key}'s subject"),
                    _ => Report($"linked {b.Key} to {a.Key}'s subject"),
                };
            }
        });
        return command;
    }

    public static Command Erase(StoreOptions store)
    {
        var subject = new Argument<string>("subject") { Description = "An identifier of the subject (kind:value)." };
        var command = new Command("erase", "Erase a subject from the ledger: identifiers become keyed pseudonyms; the events stay as proof.") { subject };
        command.SetAction(async (parse, ct) =>
        {
            var (session, code) = await ConsentSession.OpenAsync(parse, store, writes: true, ct);
            if (session is null)
            {
                return code;
            }

            await using (session)
            {
                if (ConsentSession.Subject(parse.GetValue(subject), null) is not { } id)
                {
                    return ExitCodes.Usage;
                }

                return await session.Ledger.EraseAsync(id, CliActor.Current, ct)
                    ? Report($"erased {id.Key}: identifiers pseudonymised, events kept")
                    : Output.Fail(ExitCodes.Rejected, $"{id.Key} is not in the ledger (or was erased already)");
            }
        });
        return command;
    }

    private static int Report(string line)
    {
        Console.Out.WriteLine(line);
        return ExitCodes.Ok;
    }
}
