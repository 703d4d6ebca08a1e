using System.CommandLine;
using Pledge.Connectors;
using Pledge.Diagnostics;
using Pledge.Policy.Loading;

namespace Pledge.Cli.Commands;

/// <summary><c>pledge check [POLICY] [--connect]</c>: load and validate a policy, print every diagnostic at once.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var policy = PolicyArgument.Create();
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only diagnostics, no summary line." };
        var connect = new Option<bool>("--connect")
        {
            Description = "Also connect to each system of the data map: report missing tables and columns, and identity or reference columns without an index.",
        };
        var command = new Command("check", "Load and validate a policy; print every problem at once, compiler style (file:line:col: error PLnnn: message).")
        {
            policy, quiet, connect,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var result = PolicyLoader.Load(PolicyArgument.Resolve(parse.GetValue(policy)));
            var diagnostics = result.Diagnostics.ToList();
            if (parse.GetValue(connect) && result.Policy is { } loaded)
            {
                diagnostics.AddRange(await DataMapCheck.RunAsync(loaded, Environment.GetEnvironmentVariable, cancellationToken));
            }

            foreach (var diagnostic in diagnostics)
            {
                stdout.WriteLine(diagnostic.ToString());
            }

            var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            var warnings = diagnostics.Count - errors;
            if (!parse.GetValue(quiet))
            {
                var files = result.Files.Length == 1 ? "1 file" : $"{result.Files.Length} files";
                var reached = parse.GetValue(connect) && result.Policy is not null ? $", {Plural(result.Policy.Systems.Length, "system")} checked against its database" : "";
                stderr.WriteLine(errors > 0
                    ? $"{Plural(errors, "error")}, {Plural(warnings, "warning")} in {files}."
                    : $"OK: {files}, {Plural(result.Policy!.Activities.Length, "activity", "activities")}, {Plural(result.Policy.Systems.Sum(s => s.Tables.Length), "table")}{reached}, {Plural(warnings, "warning")}.");
            }

            return errors > 0 ? ExitCodes.PolicyErrors : ExitCodes.Ok;
        });
        return command;
    }

    private static string Plural(int n, string one, string? many = null) => n == 1 ? $"1 {one}" : $"{n} {many ?? one + "s"}";
}
