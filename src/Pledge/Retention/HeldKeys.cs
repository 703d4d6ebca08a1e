using System.Globalization;
using System.Text.Json;

namespace Pledge.Retention;

/// <summary>
/// The keys of one table's rows under the legal holds a rule honours, loaded from the own store before the rule runs
/// and bound into every statement as one parameter (an array on PostgreSQL, a JSON array on SQLite). Integer keys are
/// bound as integers so the comparison uses the primary key's index.
/// </summary>
internal sealed class HeldKeys(IReadOnlyList<string> keys)
{
    public static HeldKeys None { get; } = new([]);

    public IReadOnlyList<string> Keys { get; } = keys;

    private bool Integers => Keys.All(k => long.TryParse(k, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));

    public object AsArray() => Integers
        ? Keys.Select(k => long.Parse(k, CultureInfo.InvariantCulture)).ToArray()
        : Keys.ToArray();

    public string AsJson() => Integers
        ? "[" + string.Join(",", Keys) + "]"
        : JsonSerializer.Serialize(Keys.ToArray(), RetentionJson.Default.StringArray);
}
