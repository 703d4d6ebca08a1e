using System.CommandLine;
using Pledge.Cli.Commands.Consent;
using Pledge.Cli.Commands.Retention;

namespace Pledge.Cli.Commands;

/// <summary><c>pledge retention plan|run|hold|trigger</c>: enforce the policy's retention schedule on the data map's databases.</summary>
internal static class RetentionCommand
{
    public static Command Create()
    {
        var store = new StoreOptions();
        var command = new Command("retention", "Enforce the retention schedule: plan (dry run), run in batches, legal holds on rows, event triggers.");
        store.AddTo(command);
        command.Subcommands.Add(RetentionRunCommands.Plan(store));
        command.Subcommands.Add(RetentionRunCommands.Run(store));
        command.Subcommands.Add(RetentionHoldCommands.Create(store));
        command.Subcommands.Add(RetentionTriggerCommand.Create(store));
        return command;
    }
}
