using System.CommandLine;
using System.Data.Common;
using Npgsql;
using Pledge.Demo;

namespace Pledge.Cli.Commands;

/// <summary><c>pledge demo seed</c>: the example vendor's databases filled with realistic data; <c>pledge demo locate</c>: find a subject in them.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var command = new Command("demo", "The example vendor's sample databases: seed them, find a person in them.");
        command.Subcommands.Add(CreateSeed());
        command.Subcommands.Add(LocateCommand.Create());
        return command;
    }

    private static Command CreateSeed()
    {
        var rows = new Option<long>("--rows") { Description = "Rows to generate across all 19 tables (at least).", DefaultValueFactory = _ => 10_000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator: the same seed on the same day gives the same data.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for the SQLite files app.db, marketing.db and hr.db.", DefaultValueFactory = _ => "demo" };
        var postgres = new Option<string?>("--postgres") { Description = "Seed PostgreSQL instead: a connection string; schemas app, marketing and hr are created in its database." };
        var replace = new Option<bool>("--replace") { Description = "Replace existing demo files or schemas." };
        var command = new Command("seed", "Generate the example vendor's databases (SQLite by default) with realistic, consistent data.")
        {
            rows, seed, output, postgres, replace,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
            var count = parse.GetValue(rows);
            if (count is < 1 or > 2_000_000_000)
            {
                stderr.WriteLine("pledge: --rows must be between 1 and 2,000,000,000");
                return ExitCodes.Usage;
            }

            var options = new DemoOptions(count, parse.GetValue(seed), parse.GetValue(replace));
            var seeder = new DemoSeeder(TimeProvider.System);
            var connection = parse.GetValue(postgres);
            DemoSeedResult result;
            try
            {
                if (connection is null)
                {
                    result = await seeder.SeedSqliteAsync(parse.GetValue(output)!, options, cancellationToken);
                }
                else
                {
                    if (!TryParsePostgres(connection, out var problem))
                    {
                        stderr.WriteLine($"pledge: --postgres: {problem}");
                        return ExitCodes.Usage;
                    }

                    result = await seeder.SeedPostgresAsync(connection, options, cancellationToken);
                }
            }
            catch (DbException e)
            {
                stderr.WriteLine($"pledge: database error: {e.Message}");
                return ExitCodes.Unavailable;
            }
            catch (IOException e)
            {
                stderr.WriteLine($"pledge: {e.Message}");
                return ExitCodes.Usage;
            }

            if (!result.Succeeded)
            {
                stderr.WriteLine($"pledge: {result.Error}");
                return ExitCodes.Usage;
            }

            Report(result, connection is not null, stdout, stderr);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Report(DemoSeedResult result, bool postgres, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine($"Seeded {result.Rows:N0} rows into {result.Tables.Length} tables in {result.Elapsed.TotalSeconds:N1} s; {result.Twins.Length} control twin pairs.");
        foreach (var system in result.Tables.GroupBy(t => t.System))
        {
            stderr.WriteLine($"  {system.Key}: " + string.Join(", ", system.Select(t => $"{t.Table} {t.Rows:N0}")));
        }

        stderr.WriteLine("Export these for the example policy's data map:");
        foreach (var (variable, value) in result.Environment)
        {
            stdout.WriteLine($"export {variable}=\"{(postgres ? WithoutPassword(value) : value)}\"");
        }

        if (postgres)
        {
            stderr.WriteLine("Passwords are not printed: set PGPASSWORD or use ~/.pgpass. The example's data map says 'connector: sqlite'; use 'connector: postgres' for these.");
        }
    }

    private static bool TryParsePostgres(string value, out string problem)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(value);
            problem = string.IsNullOrWhiteSpace(builder.Host) ? "the connection string names no Host" : "";
            return problem.Length == 0;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            problem = "not a valid PostgreSQL connection string (its value is not shown: it may hold a password)";
            return false;
        }
    }

    private static string WithoutPassword(string value) => new NpgsqlConnectionStringBuilder(value) { Password = null }.ConnectionString;
}
