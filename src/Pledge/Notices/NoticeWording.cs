using System.Collections;
using System.Globalization;
using System.Resources;
using Pledge.Policy.Model;

namespace Pledge.Notices;

/// <summary>
/// The fixed wording of a notice in one language, from Resources/NoticeText*.resx (and country names from
/// Resources/CountryNames*.resx). A missing key is a bug in Pledge, not in a policy, so it throws.
/// </summary>
internal sealed class NoticeWording
{
    internal const string TextResources = "Pledge.Notices.Resources.NoticeText";
    internal const string CountryResources = "Pledge.Notices.Resources.CountryNames";

    private static readonly ResourceManager Text = new(TextResources, typeof(NoticeWording).Assembly);
    private static readonly ResourceManager CountryNames = new(CountryResources, typeof(NoticeWording).Assembly);

    public NoticeWording(string language)
    {
        Culture = CultureInfo.GetCultureInfo(language);
    }

    /// <summary>The culture whose wording, number and date formats are used.</summary>
    public CultureInfo Culture { get; }

    public string this[string key] => Text.GetString(key, Culture) ?? throw new InvalidOperationException($"the notice wording has no text '{key}'");

    /// <summary>The wording for <paramref name="key"/> with its {0}, {1}, ... placeholders filled in.</summary>
    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    /// <summary>The plain words for an enum value: key <c>TypeName.Value</c>, e.g. <c>LawfulBasis.Contract</c>.</summary>
    public string Of<T>(T value) where T : struct, Enum => this[$"{typeof(T).Name}.{value}"];

    /// <summary>The country's name for a reader of this language, or its code when none is known.</summary>
    public string Country(string code) => CountryNames.GetString(code.ToUpperInvariant(), Culture) ?? code;

    /// <summary>A date written out, e.g. "1 September 2025" or "1. September 2025".</summary>
    public string Date(DateOnly date) => date.ToString(this["Format.Date"], Culture);

    /// <summary>A duration in words, e.g. "1 year and 6 months" or "13 Monate".</summary>
    public string Duration(PolicyDuration duration)
    {
        if (duration == PolicyDuration.Zero)
        {
            return this["Duration.Zero"];
        }

        var parts = new List<string>(4);
        AddUnit(parts, duration.Years, "Year");
        AddUnit(parts, duration.Months, "Month");
        AddUnit(parts, duration.Days, "Day");
        AddUnit(parts, duration.Hours, "Hour");
        return List(parts);
    }

    /// <summary>Items joined as a reader expects: "a, b and c" ("a, b or c" for <paramref name="alternatives"/>).</summary>
    public string List(IReadOnlyList<string> items, bool alternatives = false) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(this["List.Separator"], items.Take(items.Count - 1)) + this[alternatives ? "List.LastAlternative" : "List.LastSeparator"] + items[^1],
    };

    /// <summary>Whether Pledge has notice wording for <paramref name="language"/> or a parent of it (de-AT uses de).</summary>
    public static bool HasWording(string language)
    {
        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }

        for (var c = culture; !Equals(c, CultureInfo.InvariantCulture); c = c.Parent)
        {
            if (Text.GetResourceSet(c, createIfNotExists: true, tryParents: false) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The keys and texts of exactly <paramref name="culture"/>'s resource file, with no fallback; empty when it has none.</summary>
    internal static IReadOnlyDictionary<string, string> Entries(CultureInfo culture, bool countries = false)
    {
        var set = (countries ? CountryNames : Text).GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (set is not null)
        {
            foreach (DictionaryEntry entry in set)
            {
                result[(string)entry.Key] = entry.Value as string ?? "";
            }
        }

        return result;
    }

    private void AddUnit(List<string> parts, int n, string unit)
    {
        if (n != 0)
        {
            parts.Add(Format(n == 1 ? $"Duration.{unit}.One" : $"Duration.{unit}.Other", n));
        }
    }
}
