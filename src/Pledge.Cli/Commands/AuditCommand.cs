using System.CommandLine;
using Pledge.Audit;
using Pledge.Cli.Commands.Consent;

namespace Pledge.Cli.Commands;

/// <summary><c>pledge audit verify</c>: check the hash chain of the audit log.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var store = new StoreOptions();
        var command = new Command("audit", "The audit log every engine appends to.");
        command.Options.Add(store.Store);
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var verify = new Command("verify", "Check every entry of the audit log against the hash chain and its head; report the first broken link.") { json };
        verify.SetAction(async (parse, ct) =>
        {
            var (opened, code) = await store.OpenStoreAsync(parse, ct);
            if (opened is null)
            {
                return code;
            }

            await using (opened)
            {
                var result = await AuditLog.VerifyAsync(opened, ct);
                if (parse.GetValue(json))
                {
                    Output.WriteJson(new { intact = result.Intact, entries = result.Entries, headSequence = result.HeadSequence, headHash = result.HeadHash, @break = result.Break.ToString(), brokenAt = result.BrokenAt, message = result.Message });
                }
                else if (result.Intact)
                {
                    Console.Out.WriteLine($"OK: {result.Entries} entries, chain intact; head {result.HeadSequence} {result.HeadHash}");
                }
                else
                {
                    Console.Out.WriteLine($"BROKEN at entry {result.BrokenAt}: {result.Message}");
                }

                return result.Intact ? ExitCodes.Ok : ExitCodes.AuditBroken;
            }
        });
        command.Subcommands.Add(verify);
        return command;
    }
}
