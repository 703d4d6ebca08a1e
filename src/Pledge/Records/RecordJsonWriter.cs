using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pledge.Records;

/// <summary>
/// Writes a <see cref="RecordOfProcessing"/> as indented JSON: <c>generated</c>, <c>controller</c>,
/// <c>security_measures</c> and <c>activities</c>, with snake_case property names that stay stable across
/// versions (new properties are only ever added). Absent values are written as <c>null</c>, so every activity has
/// the same shape. Thread safe; output depends on the record only.
/// </summary>
public static class RecordJsonWriter
{
    /// <summary>The serializer options the record is written (and can be read back) with.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Writes the record as UTF-8 JSON (no byte-order mark) to <paramref name="stream"/>.</summary>
    public static void Write(RecordOfProcessing record, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, record, Options);
    }

    /// <summary>The record as a JSON string.</summary>
    public static string ToJson(RecordOfProcessing record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return JsonSerializer.Serialize(record, Options);
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            IndentSize = 2,
            NewLine = "\n",
            // The record is a file for people and tools, never inlined into HTML: names, addresses and quotes are
            // written as they are ("für", "+49", not "f\u00FCr", "\u002B49"); JSON's own escaping still applies.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
