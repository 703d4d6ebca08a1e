using System.CommandLine;

namespace Pledge.Tests.Cli;

/// <summary>Runs one pledge command in process, capturing what it prints.</summary>
internal sealed record CommandRun(int ExitCode, string Output, string Error)
{
    public static CommandRun Of(Command command, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = command.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new CommandRun(exit, output.ToString(), error.ToString());
    }
}
