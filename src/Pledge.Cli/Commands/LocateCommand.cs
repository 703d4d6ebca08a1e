using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Pledge.Connectors;
using Pledge.Connectors.Graph;
using Pledge.Connectors.Locating;
using Pledge.Policy.Loading;

namespace Pledge.Cli.Commands;

/// <summary><c>pledge demo locate --email X [POLICY]</c>: every row of one person in the databases of the data map.</summary>
internal static class LocateCommand
{
    public static Command Create()
    {
        var policy = PolicyArgument.Create();
        var email = new Option<string[]>("--email") { Description = "An e-mail address of the person." };
        var phone = new Option<string[]>("--phone") { Description = "A telephone number of the person." };
        var identifier = new Option<string[]>("--identifier") { Description = "Any identifier as KIND=VALUE (account_id=42, cookie_id=..., device_id=...)." };
        var values = new Option<bool>("--values") { Description = "Print every row's values, not only its key." };
        var command = new Command("locate", "Find every row of a person in the databases of the data map (connection strings from the variables it names).")
        {
            policy, email, phone, identifier, values,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var identifiers = new List<SubjectIdentifier>();
            identifiers.AddRange((parse.GetValue(email) ?? []).Select(SubjectIdentifier.Email));
            identifiers.AddRange((parse.GetValue(phone) ?? []).Select(p => new SubjectIdentifier("phone", p)));
            foreach (var pair in parse.GetValue(identifier) ?? [])
            {
                if (pair.Split('=', 2) is not [{ Length: > 0 } kind, var value])
                {
                    stderr.WriteLine($"pledge: --identifier takes KIND=VALUE, got '{pair}'");
                    return ExitCodes.Usage;
                }

                identifiers.Add(new SubjectIdentifier(kind, value));
            }

            if (identifiers.Count == 0)
            {
                stderr.WriteLine("pledge: name the person: --email, --phone or --identifier KIND=VALUE");
                return ExitCodes.Usage;
            }

            var loaded = PolicyLoader.Load(PolicyArgument.Resolve(parse.GetValue(policy)));
            if (loaded.Policy is null)
            {
                foreach (var diagnostic in loaded.Diagnostics)
                {
                    stdout.WriteLine(diagnostic.ToString());
                }

                return ExitCodes.PolicyErrors;
            }

            var connectors = new List<Connector>();
            try
            {
                foreach (var system in loaded.Policy.Systems)
                {
                    var opened = ConnectorFactory.Open(system);
                    if (opened.Connector is { } connector)
                    {
                        connectors.Add(connector);
                    }
                    else
                    {
                        stderr.WriteLine($"pledge: system '{system.Id}' not searched: {opened.Error!.Message}");
                    }
                }

                var locator = new SubjectLocator(SubjectGraphPlan.Build(loaded.Policy), connectors);
                var found = await locator.FindAsync(identifiers, cancellationToken);
                Print(found, parse.GetValue(values), stdout, stderr);
                return connectors.Count == loaded.Policy.Systems.Length ? ExitCodes.Ok : ExitCodes.Unavailable;
            }
            catch (DbException e)
            {
                stderr.WriteLine($"pledge: database error: {e.Message}");
                return ExitCodes.Unavailable;
            }
            catch (InvalidOperationException e)
            {
                stderr.WriteLine($"pledge: {e.Message}");
                return ExitCodes.Unavailable;
            }
            finally
            {
                foreach (var connector in connectors)
                {
                    await connector.DisposeAsync();
                }
            }
        });
        return command;
    }

    private static void Print(SubjectRows found, bool values, TextWriter stdout, TextWriter stderr)
    {
        foreach (var table in found.Tables)
        {
            stdout.WriteLine($"{table.SystemId}.{table.Table.Name}: {table.Rows.Length} row{(table.Rows.Length == 1 ? "" : "s")}");
            foreach (var row in table.Rows)
            {
                stdout.WriteLine(values
                    ? "  " + string.Join(", ", table.Columns.Select((c, i) => $"{c}={Format(row.Values[i])}"))
                    : $"  key {row.Key}");
            }
        }

        stderr.WriteLine($"{found.RowCount} rows in {found.Tables.Length} tables.");
    }

    private static string Format(object? value) => value switch
    {
        null => "NULL",
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        string s => s.Length > 60 ? s[..57].ReplaceLineEndings(" ") + "..." : s.ReplaceLineEndings(" "),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
