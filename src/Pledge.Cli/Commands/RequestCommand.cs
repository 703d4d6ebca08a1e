using System.CommandLine;
using Pledge.Cli.Commands.Consent;
using Pledge.Cli.Commands.Requests;

namespace Pledge.Cli.Commands;

/// <summary><c>pledge request ...</c>: data-subject requests from intake to completion.</summary>
internal static class RequestCommand
{
    public static Command Create()
    {
        var store = new StoreOptions();
        var outbox = new Option<string?>("--outbox") { Description = "Folder for .eml files when no SMTP relay is set (PLEDGE_SMTP_HOST).", Recursive = true };
        var command = new Command("request", "Data-subject requests: submit, verify, approve, extend, reject, run, export, show, list.");
        store.AddTo(command);
        command.Options.Add(outbox);
        var commands = new RequestCommands(store, outbox);
        command.Subcommands.Add(commands.Submit());
        command.Subcommands.Add(commands.Verify());
        command.Subcommands.Add(commands.Approve());
        command.Subcommands.Add(commands.Extend());
        command.Subcommands.Add(commands.Reject());
        command.Subcommands.Add(commands.Run());
        command.Subcommands.Add(commands.Export());
        command.Subcommands.Add(commands.Show());
        command.Subcommands.Add(commands.List());
        return command;
    }
}
