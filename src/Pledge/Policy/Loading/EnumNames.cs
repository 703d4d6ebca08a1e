using System.Collections.Frozen;
using System.Text;
using Pledge.Policy.Model;

namespace Pledge.Policy.Loading;

/// <summary>The YAML spelling of every enum in the policy model: snake_case names plus common abbreviations.</summary>
public static class EnumNames
{
    private static readonly FrozenDictionary<Type, FrozenDictionary<string, string>> Aliases = new Dictionary<Type, FrozenDictionary<string, string>>
    {
        [typeof(TransferSafeguard)] = new Dictionary<string, string>
        {
            ["scc"] = nameof(TransferSafeguard.StandardContractualClauses),
            ["bcr"] = nameof(TransferSafeguard.BindingCorporateRules),
            ["idta"] = nameof(TransferSafeguard.UkIdta),
        }.ToFrozenDictionary(),
        [typeof(LawfulBasis)] = new Dictionary<string, string>
        {
            ["legitimate_interest"] = nameof(LawfulBasis.LegitimateInterests),
            ["vital_interest"] = nameof(LawfulBasis.VitalInterests),
        }.ToFrozenDictionary(),
    }.ToFrozenDictionary();

    /// <summary>The YAML name of an enum value, e.g. <c>legitimate_interests</c>.</summary>
    public static string Of<T>(T value) where T : struct, Enum => Snake(value.ToString());

    /// <summary>Every accepted YAML name of <typeparamref name="T"/> (canonical names first).</summary>
    public static IEnumerable<string> All<T>() where T : struct, Enum =>
        Enum.GetNames<T>().Select(Snake).Concat(Aliases.GetValueOrDefault(typeof(T))?.Keys ?? []);

    /// <summary>Parses a YAML enum name (or alias); false when unknown.</summary>
    public static bool TryParse<T>(string text, out T value) where T : struct, Enum
    {
        var key = text.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        if (Aliases.GetValueOrDefault(typeof(T))?.GetValueOrDefault(key) is { } alias)
        {
            return Enum.TryParse(alias, out value);
        }

        foreach (var name in Enum.GetNames<T>())
        {
            if (Snake(name) == key)
            {
                value = Enum.Parse<T>(name);
                return true;
            }
        }

        value = default;
        return false;
    }

    internal static string Snake(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
