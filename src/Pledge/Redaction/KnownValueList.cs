using System.Globalization;

namespace Pledge.Redaction;

/// <summary>
/// Known values read from text: one value per line; blank lines and lines starting with <c>#</c> are skipped; a
/// line <c>TYPE&lt;TAB&gt;value</c> gives the type (<c>name</c>, <c>username</c>, <c>hostname</c>, or any
/// <see cref="PiiType"/>), otherwise the type is <see cref="PiiType.Name"/>. Every problem is reported, with its line.
/// </summary>
public sealed class KnownValueList
{
    private KnownValueList(IReadOnlyList<KnownValue> values, IReadOnlyList<string> errors)
    {
        Values = values;
        Errors = errors;
    }

    /// <summary>The valid values, duplicates removed.</summary>
    public IReadOnlyList<KnownValue> Values { get; }

    /// <summary>One message per rejected line, <c>line N: ...</c>; empty when every line was valid.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Parses lines; never throws on content.</summary>
    public static KnownValueList Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var values = new List<KnownValue>();
        var seen = new HashSet<(string, PiiType)>();
        var errors = new List<string>();
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var type = PiiType.Name;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0)
            {
                if (!PiiTypes.TryParse(line[..tab], out type))
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"line {number}: '{line[..tab]}' is not a type; use name, username, hostname or another detector name"));
                    continue;
                }

                line = line[(tab + 1)..].Trim();
            }

            var value = new KnownValue(line, type);
            if (!value.IsValid(out var error))
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"line {number}: {error}"));
            }
            else if (seen.Add((line.ToUpperInvariant(), type)))
            {
                values.Add(value);
            }
        }

        return new KnownValueList(values, errors);
    }
}
