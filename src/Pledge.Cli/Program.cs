using System.CommandLine;
using Pledge.Cli.Commands;

var root = new RootCommand("Pledge: a privacy policy made executable.");
root.Subcommands.Add(CheckCommand.Create());
root.Subcommands.Add(RedactCommand.Create());
return await root.Parse(args).InvokeAsync();
