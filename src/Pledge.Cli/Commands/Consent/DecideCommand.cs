using System.CommandLine;
using System.Globalization;
using Pledge.Consent;

namespace Pledge.Cli.Commands.Consent;

/// <summary>
/// <c>decide ACTIVITY SUBJECT</c>: allow or deny with the reasons, exit code 0 or 3. With several subjects or
/// <c>--list FILE</c> (one identifier per line, <c>-</c> for standard input) it is a filter: it prints the lines of
/// the subjects that may be processed, e.g. the part of a mailing list that may receive the newsletter.
/// </summary>
internal static class DecideCommand
{
    public static Command Create(StoreOptions store)
    {
        var activity = new Argument<string>("activity") { Description = "The activity id from the policy." };
        var subjects = new Argument<string[]>("subject") { Description = "kind:value identifiers.", Arity = ArgumentArity.ZeroOrMore };
        var list = new Option<string?>("--list") { Description = "A file of identifiers, one per line ('-' for standard input): print the lines allowed." };
        var at = new Option<string?>("--at") { Description = "Decide as at this time, ISO 8601 (default: now); the state is the current one." };
        var json = new Option<bool>("--json") { Description = "Print every decision with its reasons as JSON." };
        var region = new Option<string?>("--region") { Description = "Region for phone numbers without a country code, e.g. GB." };
        var command = new Command("decide", "May ACTIVITY process these subjects' data now? Allow or deny, with the reasons.") { activity, subjects, list, at, json, region };
        command.SetAction(async (parse, ct) =>
        {
            var (session, code) = await ConsentSession.OpenAsync(parse, store, writes: false, ct);
            if (session is null)
            {
                return code;
            }

            await using (session)
            {
                var when = session.Store.Time.GetUtcNow();
                if (parse.GetValue(at) is { } text && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out when))
                {
                    return Output.Fail(ExitCodes.Usage, "--at must be a date and time, e.g. 2026-11-23T09:30:00Z");
                }

                var activityId = parse.GetValue(activity)!;
                var engine = session.Engine();
                if (engine.IndexOf(activityId) < 0)
                {
                    return Output.Fail(ExitCodes.Usage, $"the policy has no activity '{activityId}'");
                }

                var decisions = new ConsentDecisions(session.Store, engine);
                var given = parse.GetValue(subjects) ?? [];
                var file = parse.GetValue(list);
                if (file is null && given.Length == 1)
                {
                    if (ConsentSession.Subject(given[0], parse.GetValue(region)) is not { } id)
                    {
                        return ExitCodes.Usage;
                    }

                    var decision = await decisions.DecideAsync(id, activityId, when, ct);
                    if (parse.GetValue(json))
                    {
                        Output.WriteJson(new { subject = id.Key, activity = activityId, allowed = decision.Allowed, reasons = decision.Codes, explanation = decision.Explain() });
                    }
                    else
                    {
                        Console.Out.WriteLine(decision.Explain());
                    }

                    return decision.Allowed ? ExitCodes.Ok : ExitCodes.Denied;
                }

                if (file is null && given.Length == 0)
                {
                    return Output.Fail(ExitCodes.Usage, "name a subject, several, or --list FILE");
                }

                return await FilterAsync(decisions, Lines(file, given), activityId, when, parse.GetValue(json), parse.GetValue(region), ct);
            }
        });
        return command;
    }

    private static IEnumerable<string> Lines(string? file, string[] given)
    {
        foreach (var subject in given)
        {
            yield return subject;
        }

        if (file is null)
        {
            yield break;
        }

        using var reader = file == "-" ? Console.In : new StreamReader(file);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length > 0)
            {
                yield return line.Trim();
            }
        }
    }

    private static async Task<int> FilterAsync(ConsentDecisions decisions, IEnumerable<string> lines, string activity, DateTimeOffset at, bool json, string? region, CancellationToken ct)
    {
        long allowed = 0, total = 0, unreadable = 0;
        var parsed = new List<(string Line, SubjectIdentifier Id)>();
        var results = json ? new List<object>() : null;
        foreach (var chunk in lines.Chunk(ConsentDecisions.ChunkSize))
        {
            parsed.Clear();
            foreach (var line in chunk)
            {
                if (SubjectIdentifier.Parse(line, region).Identifier is { } id)
                {
                    parsed.Add((line, id));
                }
                else
                {
                    unreadable++;
                }
            }

            var i = 0;
            await foreach (var d in decisions.DecideManyAsync(parsed.Select(p => p.Id), activity, at, ct))
            {
                total++;
                var line = parsed[i++].Line;
                if (d.Decision.Allowed)
                {
                    allowed++;
                }

                if (results is not null)
                {
                    results.Add(new { subject = d.Subject.Key, allowed = d.Decision.Allowed, reasons = d.Decision.Codes });
                }
                else if (d.Decision.Allowed)
                {
                    Console.Out.WriteLine(line);
                }
            }
        }

        if (results is not null)
        {
            Output.WriteJson(results);
        }

        Output.Note($"{allowed} of {total} subjects allowed for {activity}{(unreadable > 0 ? $"; {unreadable} lines were not identifiers and were left out" : "")}");
        return ExitCodes.Ok;
    }
}
