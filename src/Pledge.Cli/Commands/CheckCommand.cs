using System.CommandLine;
using Pledge.Policy.Loading;

namespace Pledge.Cli.Commands;

/// <summary><c>pledge check [POLICY]</c>: load and validate a policy, print every diagnostic at once.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var policy = PolicyArgument.Create();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only diagnostics, no summary line." };
        var command = new Command("check", "Load and validate a policy; print every problem at once, compiler style (file:line:col: error PLnnn: message).")
        {
            policy, quiet,
        };
        command.SetAction(parse =>
        {
            var result = PolicyLoader.Load(PolicyArgument.Resolve(parse.GetValue(policy)));
            foreach (var diagnostic in result.Diagnostics)
            {
                Console.Out.WriteLine(diagnostic.ToString());
            }

            if (!parse.GetValue(quiet))
            {
                var files = result.Files.Length == 1 ? "1 file" : $"{result.Files.Length} files";
                Console.Error.WriteLine(result.HasErrors
                    ? $"{Plural(result.ErrorCount, "error")}, {Plural(result.WarningCount, "warning")} in {files}."
                    : $"OK: {files}, {Plural(result.Policy!.Activities.Length, "activity", "activities")}, {Plural(result.Policy.Systems.Sum(s => s.Tables.Length), "table")}, {Plural(result.WarningCount, "warning")}.");
            }

            return result.HasErrors ? ExitCodes.PolicyErrors : ExitCodes.Ok;
        });
        return command;
    }

    private static string Plural(int n, string one, string? many = null) => n == 1 ? $"1 {one}" : $"{n} {many ?? one + "s"}";
}
