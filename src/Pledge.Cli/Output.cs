using System.Text.Json;
using Spectre.Console;

namespace Pledge.Cli;

/// <summary>Tables on a terminal (Spectre.Console), tab-separated text when piped; JSON for machines; one-line errors.</summary>
internal static class Output
{
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static bool IsTerminal => !Console.IsOutputRedirected;

    public static void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        if (!IsTerminal)
        {
            Console.Out.WriteLine(string.Join('\t', headers));
            foreach (var row in rows)
            {
                Console.Out.WriteLine(string.Join('\t', row.Select(c => c.Replace('\t', ' ').Replace('\n', ' '))));
            }

            return;
        }

        var table = new Table().Border(TableBorder.Simple);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        foreach (var row in rows)
        {
            table.AddRow([.. row.Select(c => new Text(c))]);
        }

        AnsiConsole.Write(table);
    }

    public static void WriteJson<T>(T value) => Console.Out.WriteLine(JsonSerializer.Serialize(value, Json));

    public static int Fail(int code, string message)
    {
        Console.Error.WriteLine("pledge: " + message);
        return code;
    }

    public static void Note(string message) => Console.Error.WriteLine("pledge: " + message);
}
