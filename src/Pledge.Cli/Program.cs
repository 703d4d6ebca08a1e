using System.CommandLine;
using Pledge.Cli;
using Pledge.Cli.Commands;

var root = new RootCommand("Pledge: a privacy policy made executable.");
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(NoticeCommand.Create());
root.Subcommands.Add(RecordsCommand.Create());
root.Subcommands.Add(DiffCommand.Create());
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(RedactCommand.Create());
root.Subcommands.Add(ConsentCommand.Create());
root.Subcommands.Add(AuditCommand.Create());
root.Subcommands.Add(RetentionCommand.Create());
root.Subcommands.Add(RequestCommand.Create());
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(ApiKeyCommand.Create());
root.Subcommands.Add(AdminCommand.Create());
return await CommandLineHost.RunAsync(root, "pledge", args);
