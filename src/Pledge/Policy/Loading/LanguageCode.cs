namespace Pledge.Policy.Loading;

/// <summary>BCP 47 language tags as a policy uses them: <c>en</c>, <c>de</c>, <c>pt-BR</c>, <c>zh-Hant</c>.</summary>
internal static class LanguageCode
{
    public static bool IsValid(string code)
    {
        var parts = code.Split('-');
        if (parts[0].Length is < 2 or > 3 || !parts[0].All(char.IsAsciiLetterLower))
        {
            return false;
        }

        return parts.Skip(1).All(p => p.Length is >= 2 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }
}
