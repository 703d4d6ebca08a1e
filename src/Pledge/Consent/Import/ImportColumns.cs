namespace Pledge.Consent.Import;

/// <summary>The columns of a consent CSV, found by header name (any order, case-insensitive).</summary>
internal sealed class ImportColumns
{
    public static readonly string[] Known =
    [
        "identifier", "identifier_kind", "identifier_value", "event", "activity", "at", "policy_version", "channel", "signal", "actor",
        "idempotency_key", "preference_channel", "preference_topic", "preference_frequency",
    ];

    private readonly Dictionary<string, int> _index;

    private ImportColumns(Dictionary<string, int> index) => _index = index;

    public static (ImportColumns? Columns, string? Error) From(IReadOnlyList<string> header)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF').ToLowerInvariant();
            if (!Known.Contains(name))
            {
                return (null, $"line 1: unknown column '{(name.Length > 40 ? name[..40] : name)}'; the columns are {string.Join(", ", Known)}");
            }

            if (!index.TryAdd(name, i))
            {
                return (null, $"line 1: column '{name}' appears twice");
            }
        }

        var hasIdentifier = index.ContainsKey("identifier") || (index.ContainsKey("identifier_kind") && index.ContainsKey("identifier_value"));
        var missing = new[] { "event", "at", "policy_version" }.Where(c => !index.ContainsKey(c)).ToList();
        if (!hasIdentifier)
        {
            missing.Insert(0, "identifier (or identifier_kind and identifier_value)");
        }

        return missing.Count > 0 ? (null, $"line 1: missing column(s): {string.Join(", ", missing)}") : (new ImportColumns(index), null);
    }

    public string? Get(IReadOnlyList<string> fields, string column) =>
        _index.TryGetValue(column, out var i) && i < fields.Count && fields[i].Trim() is { Length: > 0 } value ? value : null;

    public int Count => _index.Count;
}
