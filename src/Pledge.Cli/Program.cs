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
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
{
    // Usage errors get their own exit code, so scripts can tell them from "the policy has errors" (1).
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"pledge: {error.Message}");
    }

    Console.Error.WriteLine("Run 'pledge --help' (or 'pledge COMMAND --help') for usage.");
    return ExitCodes.Usage;
}

try
{
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is not OperationCanceledException)
{
    // A bug, not bad input: bad input is reported by the commands themselves. Keep the message, not the trace.
    Console.Error.WriteLine($"pledge: internal error: {e.GetType().Name}: {e.Message}");
    Console.Error.WriteLine("Please report this with the command you ran. Set PLEDGE_DEBUG=1 to see the stack trace.");
    if (Environment.GetEnvironmentVariable("PLEDGE_DEBUG") == "1")
    {
        Console.Error.WriteLine(e);
    }

    return ExitCodes.InternalError;
}
