using System.Collections.Immutable;
using System.Globalization;
using Pledge.Diagnostics;
using Pledge.Policy.Model;

namespace Pledge.Policy.Loading;

/// <summary>
/// Reads the keys of one YAML mapping into model values, reporting wrong shapes, invalid values and — in
/// <see cref="Finish"/> — unknown keys with a "did you mean" over every key the reader asked for.
/// </summary>
internal sealed class MapReader
{
    private readonly YMapping? _map;
    private readonly List<Diagnostic> _diagnostics;
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);
    private readonly string _what;

    public MapReader(YNode? node, string what, List<Diagnostic> diagnostics)
    {
        _diagnostics = diagnostics;
        _what = what;
        At = node?.At ?? default;
        if (node is YMapping map)
        {
            _map = map;
        }
        else if (node is not null && !(node is YScalar s && s.IsNull))
        {
            diagnostics.Add(Rules.WrongShape.At(node.At, $"{what} must be a mapping of keys to values, not {node.Kind}"));
        }
    }

    public SourceLocation At { get; }

    public bool IsValid => _map is not null;

    /// <summary>Locations of the keys read, and of list items as <c>key[i]</c>, for the <see cref="SourceMap"/>.</summary>
    public Dictionary<string, SourceLocation> Locations { get; } = new(StringComparer.Ordinal);

    public List<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>Where item <paramref name="index"/> of list <paramref name="key"/> was written.</summary>
    public SourceLocation ItemAt(string key, int index) =>
        Locations.TryGetValue($"{key}[{index}]", out var at) || Locations.TryGetValue(key, out at) ? at : At;

    public bool Has(string key)
    {
        _known.Add(key);
        return Node(key) is not null and not YScalar { IsNull: true };
    }

    public YNode? Node(string key)
    {
        _known.Add(key);
        var node = _map?.Get(key);
        if (node is not null)
        {
            Locations[key] = node.At;
        }

        return node;
    }

    public string? String(string key, bool required = false, DiagnosticRule? missingRule = null, string? missingMessage = null)
    {
        var node = Node(key);
        if (node is null or YScalar { IsNull: true })
        {
            if (required)
            {
                Missing(key, missingRule, missingMessage);
            }

            return null;
        }

        if (node is YScalar s)
        {
            return s.Value;
        }

        _diagnostics.Add(Rules.WrongShape.At(node.At, $"'{key}' must be a single value, not {node.Kind}"));
        return null;
    }

    public string Id(string key = "id")
    {
        var value = String(key, required: true);
        return value ?? $"<missing {key}@{At.Line}>";
    }

    public LocalizedText? Text(string key, bool required = false, DiagnosticRule? missingRule = null, string? missingMessage = null)
    {
        var node = Node(key);
        switch (node)
        {
            case null or YScalar { IsNull: true }:
                if (required)
                {
                    Missing(key, missingRule, missingMessage);
                }

                return null;
            case YScalar s:
                return s.Value.Trim().Length == 0 && required ? MissingText(key, missingRule, missingMessage, s) : LocalizedText.Of(s.Value.Trim());
            case YMapping m:
                {
                    var translations = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
                    string? first = null;
                    foreach (var (k, v) in m.Entries)
                    {
                        if (!LanguageCode.IsValid(k.Value))
                        {
                            _diagnostics.Add(Rules.InvalidValue.At(k.At, $"'{k.Value}' is not a language code (write e.g. 'en', 'de', 'pt-BR'){(k.Value.Contains(' ', StringComparison.Ordinal) ? "; a comma inside '{ ... }' starts a new key, so quote text that contains commas" : "")}"));
                            continue;
                        }

                        if (v is not YScalar vs)
                        {
                            _diagnostics.Add(Rules.WrongShape.At(v.At, $"the '{k.Value}' text of '{key}' must be a string"));
                            continue;
                        }

                        translations[k.Value] = vs.Value.Trim();
                        first ??= vs.Value.Trim();
                    }

                    if (first is null)
                    {
                        return required ? MissingText(key, missingRule, missingMessage, m) : null;
                    }

                    return new LocalizedText(first, translations.ToImmutable());
                }

            default:
                _diagnostics.Add(Rules.WrongShape.At(node.At, $"'{key}' must be text, or a mapping of language codes to text"));
                return null;
        }
    }

    public bool Bool(string key, bool fallback)
    {
        var s = String(key);
        if (s is null)
        {
            return fallback;
        }

        switch (s.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                _diagnostics.Add(Rules.InvalidValue.At(Locations[key], $"'{key}' must be true or false, not '{s}'"));
                return fallback;
        }
    }

    public T? Enum<T>(string key, bool required = false, DiagnosticRule? missingRule = null, string? missingMessage = null) where T : struct, Enum
    {
        // 'erasure: null' is the strategy named null, not an absent value.
        if (Node(key) is YScalar { IsNull: true, Value: "null" } && EnumNames.TryParse<T>("null", out var named))
        {
            return named;
        }

        var s = String(key, required, missingRule, missingMessage);
        return s is null ? null : ParseEnum<T>(s, key, Locations[key]);
    }

    public T? ParseEnum<T>(string s, string key, SourceLocation at) where T : struct, Enum
    {
        if (EnumNames.TryParse<T>(s, out var value))
        {
            return value;
        }

        var allowed = EnumNames.All<T>().ToList();
        _diagnostics.Add(Rules.InvalidValue.At(at,
            $"'{s}' is not a valid {key}{Suggestions.Hint(s, allowed)}; expected one of: {string.Join(", ", allowed)}"));
        return null;
    }

    public PolicyDuration? Duration(string key, bool required = false)
    {
        var s = String(key, required);
        if (s is null)
        {
            return null;
        }

        if (PolicyDuration.TryParse(s, out var d, out var error))
        {
            return d;
        }

        _diagnostics.Add(Rules.InvalidDuration.At(Locations[key], $"'{key}': {error}"));
        return null;
    }

    public DateOnly? Date(string key, bool required = false)
    {
        var s = String(key, required);
        if (s is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        _diagnostics.Add(Rules.InvalidValue.At(Locations[key], $"'{key}' must be a date written yyyy-mm-dd, not '{s}'"));
        return null;
    }

    /// <summary>A list of strings; a single scalar counts as a one-item list.</summary>
    public ImmutableArray<string> Strings(string key, bool required = false, DiagnosticRule? missingRule = null, string? missingMessage = null)
    {
        var node = Node(key);
        switch (node)
        {
            case null or YScalar { IsNull: true }:
                if (required)
                {
                    Missing(key, missingRule, missingMessage);
                }

                return [];
            case YScalar s:
                Locations[$"{key}[0]"] = s.At;
                return [s.Value];
            case YSequence seq:
                {
                    var result = ImmutableArray.CreateBuilder<string>(seq.Items.Count);
                    foreach (var item in seq.Items)
                    {
                        if (item is YScalar { IsNull: false } si)
                        {
                            Locations[$"{key}[{result.Count}]"] = si.At;
                            result.Add(si.Value);
                        }
                        else
                        {
                            _diagnostics.Add(Rules.WrongShape.At(item.At, $"items of '{key}' must be single values, not {item.Kind}"));
                        }
                    }

                    if (required && result.Count == 0)
                    {
                        Missing(key, missingRule, missingMessage);
                    }

                    return result.ToImmutable();
                }

            default:
                _diagnostics.Add(Rules.WrongShape.At(node.At, $"'{key}' must be a list, not {node.Kind}"));
                return [];
        }
    }

    /// <summary>The items of a list (of mappings, usually). A missing key is an empty list.</summary>
    public IReadOnlyList<YNode> Items(string key, bool required = false, DiagnosticRule? missingRule = null, string? missingMessage = null)
    {
        var node = Node(key);
        switch (node)
        {
            case null or YScalar { IsNull: true }:
                if (required)
                {
                    Missing(key, missingRule, missingMessage);
                }

                return [];
            case YSequence seq:
                if (required && seq.Items.Count == 0)
                {
                    Missing(key, missingRule, missingMessage);
                }

                return seq.Items;
            default:
                _diagnostics.Add(Rules.WrongShape.At(node.At, $"'{key}' must be a list, not {node.Kind}"));
                return [];
        }
    }

    /// <summary>Reports keys present in the mapping that no read asked for.</summary>
    public void Finish()
    {
        if (_map is null)
        {
            return;
        }

        foreach (var (key, _) in _map.Entries)
        {
            if (!_known.Contains(key.Value))
            {
                _diagnostics.Add(Rules.UnknownKey.At(key.At, $"unknown key '{key.Value}' in {_what}{Suggestions.Hint(key.Value, _known)}"));
            }
        }
    }

    private void Missing(string key, DiagnosticRule? rule, string? message) =>
        _diagnostics.Add((rule ?? Rules.MissingKey).At(At, message ?? $"{_what} has no '{key}'"));

    private LocalizedText? MissingText(string key, DiagnosticRule? rule, string? message, YNode node)
    {
        _diagnostics.Add((rule ?? Rules.MissingKey).At(node.At, message ?? $"'{key}' of {_what} is empty"));
        return null;
    }
}
