using System.CommandLine;
using Pledge.Cli.Commands.Consent;

namespace Pledge.Cli.Commands;

/// <summary><c>pledge consent ...</c>: the consent and preference ledger and the decision engine.</summary>
internal static class ConsentCommand
{
    public static Command Create()
    {
        var store = new StoreOptions();
        var command = new Command("consent", "The consent and preference ledger: record events with their evidence, show state, decide, import and export.");
        store.AddTo(command);
        foreach (var record in RecordCommands.Create(store))
        {
            command.Subcommands.Add(record);
        }

        command.Subcommands.Add(QueryCommands.Show(store));
        command.Subcommands.Add(QueryCommands.History(store));
        command.Subcommands.Add(DecideCommand.Create(store));
        command.Subcommands.Add(ImportExportCommands.Import(store));
        command.Subcommands.Add(ImportExportCommands.Export(store));
        command.Subcommands.Add(AdminCommands.Deploy(store));
        command.Subcommands.Add(AdminCommands.Rebuild(store));
        command.Subcommands.Add(AdminCommands.Link(store));
        command.Subcommands.Add(AdminCommands.Erase(store));
        command.Subcommands.Add(UnsubscribeLinkCommand.Create(store));
        command.Subcommands.Add(AppendStressCommand.Create(store));
        return command;
    }
}
