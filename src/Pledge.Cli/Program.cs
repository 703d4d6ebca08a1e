using System.CommandLine;
using Pledge.Cli.Commands;

var root = new RootCommand("Pledge: a privacy policy made executable.");
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(RecordsCommand.Create());
root.Subcommands.Add(DiffCommand.Create());
return await root.Parse(args).InvokeAsync();
