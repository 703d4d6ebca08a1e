using System.CommandLine;

namespace Pledge.Cli;

/// <summary>
/// Runs a command line the way every Pledge executable does: usage errors get their own exit code and one line each,
/// a bug gets its message without the trace (unless <c>PLEDGE_DEBUG=1</c>). Shared by <c>pledge</c> and <c>pledge-redact</c>.
/// </summary>
internal static class CommandLineHost
{
    public static async Task<int> RunAsync(RootCommand root, string name, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            // Usage errors get their own exit code, so scripts can tell them from "the policy has errors" (1).
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"{name}: {error.Message}");
            }

            Console.Error.WriteLine(root.Subcommands.Count > 0
                ? $"Run '{name} --help' (or '{name} COMMAND --help') for usage."
                : $"Run '{name} --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug, not bad input: bad input is reported by the commands themselves. Keep the message, not the trace.
            Console.Error.WriteLine($"{name}: internal error: {e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine("Please report this with the command you ran. Set PLEDGE_DEBUG=1 to see the stack trace.");
            if (Environment.GetEnvironmentVariable("PLEDGE_DEBUG") == "1")
            {
                Console.Error.WriteLine(e);
            }

            return ExitCodes.InternalError;
        }
    }
}
