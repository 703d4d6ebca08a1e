using System.CommandLine;
using System.Globalization;
using Pledge.Cli.Commands.Consent;
using Pledge.Retention;

namespace Pledge.Cli.Commands.Retention;

/// <summary><c>pledge retention hold place|lift|list</c>: rows kept by a legal hold the policy declares.</summary>
internal static class RetentionHoldCommands
{
    public static Command Create(StoreOptions store)
    {
        var command = new Command("hold", "Legal holds on rows: place, lift, list. Held rows are exempt from every rule that lists the hold.");
        var hold = new Argument<string>("HOLD") { Description = "The legal hold's id, as the policy declares it." };
        var table = new Option<string>("--table") { Description = "SYSTEM.TABLE of the rows.", Required = true };
        var keys = new Option<string[]>("--key") { Description = "Primary key of a row (repeat).", Required = true, AllowMultipleArgumentsPerToken = true };
        var reason = new Option<string>("--reason") { Description = "Why (a case reference, not personal data).", Required = true };
        var until = new Option<DateTimeOffset?>("--until") { Description = "When the hold ends by itself (default: until lifted)." };
        var place = new Command("place", "Place a legal hold on rows.") { hold, table, keys, reason, until };
        place.SetAction(async (parse, ct) =>
        {
            var (session, code) = await RetentionSession.OpenAsync(parse, store, ct);
            if (session is null)
            {
                return code;
            }

            await using (session)
            {
                var id = parse.GetValue(hold)!;
                var parts = parse.GetValue(table)!.Split('.', 2);
                if (session.Policy.LegalHolds.All(h => h.Id != id))
                {
                    return Output.Fail(ExitCodes.Rejected, $"the policy declares no legal hold '{id}'");
                }

                if (parts.Length != 2 || session.Policy.Systems.FirstOrDefault(s => s.Id == parts[0])?.Table(parts[1]) is null)
                {
                    return Output.Fail(ExitCodes.Usage, "--table must be SYSTEM.TABLE of the data map");
                }

                var placed = await LegalHoldRows.PlaceAsync(session.Store, id, parts[0], parts[1], parse.GetValue(keys)!, CliActor.Current, parse.GetValue(reason)!, parse.GetValue(until), ct);
                Console.Out.WriteLine($"hold {id}: {placed.ToString(CultureInfo.InvariantCulture)} rows placed");
                return ExitCodes.Ok;
            }
        });

        var liftKeys = new Option<string[]>("--key") { Description = "Lift only from these rows (default: every row).", AllowMultipleArgumentsPerToken = true };
        var lift = new Command("lift", "Lift a legal hold.") { hold, liftKeys };
        lift.SetAction(async (parse, ct) =>
        {
            var (opened, code) = await store.OpenStoreAsync(parse, ct);
            if (opened is null)
            {
                return code;
            }

            await using (opened)
            {
                var lifted = await LegalHoldRows.LiftAsync(opened, parse.GetValue(hold)!, CliActor.Current, parse.GetValue(liftKeys), ct);
                Console.Out.WriteLine($"hold {parse.GetValue(hold)}: lifted from {lifted.ToString(CultureInfo.InvariantCulture)} rows");
                return ExitCodes.Ok;
            }
        });

        var list = new Command("list", "The rows under a legal hold now.");
        list.SetAction(async (parse, ct) =>
        {
            var (opened, code) = await store.OpenStoreAsync(parse, ct);
            if (opened is null)
            {
                return code;
            }

            await using (opened)
            {
                var rows = await LegalHoldRows.ListAsync(opened, ct);
                Output.Table(["hold", "table", "key", "placed by", "reason", "until"], rows.Select(r => (IReadOnlyList<string>)
                    [r.HoldId, $"{r.System}.{r.Table}", r.Key, r.PlacedBy, r.Reason, r.Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "until lifted"]));
                return ExitCodes.Ok;
            }
        });

        command.Subcommands.Add(place);
        command.Subcommands.Add(lift);
        command.Subcommands.Add(list);
        return command;
    }
}
