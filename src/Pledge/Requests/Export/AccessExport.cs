using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Pledge.Connectors.Locating;

namespace Pledge.Requests.Export;

/// <summary>
/// The access and portability export (Art. 15, 20): one zip holding
/// <list type="bullet">
/// <item><c>data.json</c>: every row found, nested by system and table, values typed (numbers, text, ISO 8601 times);</item>
/// <item><c>csv/{system}/{table}.csv</c>: one RFC 4180 file per table, cells that a spreadsheet would run as a formula prefixed with <c>'</c>;</item>
/// <item><c>summary.html</c>: a readable page with the Art. 15 information (see <see cref="SummaryPage"/>).</item>
/// </list>
/// Free-text values pass through the <see cref="ThirdPartyRedactor"/>. Entries carry a fixed time, so the same data gives the same bytes.
/// </summary>
public static class AccessExport
{
    private static readonly DateTimeOffset EntryTime = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Writes the export of <paramref name="rows"/> (located with <see cref="LocateMode.Values"/>) to <paramref name="output"/>.</summary>
    public static async Task WriteAsync(
        Stream output,
        DataRequest request,
        Policy.Model.Policy policy,
        SubjectRows rows,
        ThirdPartyRedactor redactor,
        DateTimeOffset generatedAt,
        string? language,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(redactor);
        var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await using (archive.ConfigureAwait(false))
        {
            await WriteEntryAsync(archive, "data.json", stream => WriteJson(stream, request, rows, redactor, generatedAt), cancellationToken).ConfigureAwait(false);
            foreach (var table in rows.Tables)
            {
                await WriteEntryAsync(archive, $"csv/{table.SystemId}/{table.Table.Name}.csv", stream => WriteCsv(stream, table, redactor), cancellationToken).ConfigureAwait(false);
            }

            var html = SummaryPage.Render(policy, request, rows, SubjectDisclosure.Build(policy, rows), generatedAt, language);
            await WriteEntryAsync(archive, "summary.html", stream => stream.Write(Encoding.UTF8.GetBytes(html)), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteEntryAsync(ZipArchive archive, string name, Action<Stream> write, CancellationToken cancellationToken)
    {
        var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = EntryTime;
        var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            write(stream);
        }
    }

    private static void WriteJson(Stream stream, DataRequest request, SubjectRows rows, ThirdPartyRedactor redactor, DateTimeOffset generatedAt)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("request", request.Id);
        json.WriteString("kind", RequestDesk.Name(request.Kind));
        json.WriteString("generated_at", generatedAt.ToString("O", CultureInfo.InvariantCulture));
        json.WriteStartObject("subject");
        json.WriteString(request.Subject.Kind, request.Subject.Value);
        json.WriteEndObject();
        json.WriteStartObject("systems");
        foreach (var system in rows.Tables.GroupBy(t => t.SystemId))
        {
            json.WriteStartObject(system.Key);
            foreach (var table in system)
            {
                json.WriteStartArray(table.Table.Name);
                foreach (var row in table.Rows)
                {
                    json.WriteStartObject();
                    for (var i = 0; i < table.Columns.Length; i++)
                    {
                        json.WritePropertyName(table.Columns[i]);
                        WriteValue(json, Cell(table, row, i, redactor));
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case long or int or short or byte:
                json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case decimal m:
                json.WriteNumberValue(m);
                break;
            default:
                json.WriteStringValue(Text(value));
                break;
        }
    }

    private static void WriteCsv(Stream stream, LocatedTable table, ThirdPartyRedactor redactor)
    {
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        writer.WriteLine(string.Join(',', table.Columns.Select(Quote)));
        foreach (var row in table.Rows)
        {
            writer.WriteLine(string.Join(',', Enumerable.Range(0, table.Columns.Length).Select(i => Cell(table, row, i, redactor) is { } v ? Quote(Text(v)) : "")));
        }
    }

    private static object? Cell(LocatedTable table, LocatedRow row, int i, ThirdPartyRedactor redactor)
    {
        var value = row.Values[i];
        return value is string s && table.Table.Field(table.Columns[i]) is { } field && redactor.Applies(field.Category)
            ? redactor.Redact(table.SystemId, table.Table.Name, field.Column, s)
            : value;
    }

    /// <summary>A value as text: ISO 8601 for times, base64 for bytes, invariant culture for numbers.</summary>
    internal static string Text(object value) => value switch
    {
        string s => s,
        DateTime t => DateTime.SpecifyKind(t, t.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : t.Kind).ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>RFC 4180 quoting; a cell a spreadsheet would evaluate (=, +, -, @) is prefixed with an apostrophe.</summary>
    internal static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
