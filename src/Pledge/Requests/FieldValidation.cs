using System.Net.Mail;

namespace Pledge.Requests;

/// <summary>
/// Checks a corrected value against the data category of its field before a rectification writes it: e-mail
/// addresses (<c>*.email</c>), telephone numbers (<c>*.phone</c>), names (<c>*.name</c>, <c>*username</c>); any other
/// category takes text of at most <see cref="MaxLength"/> characters without control characters.
/// </summary>
public static class FieldValidation
{
    /// <summary>The longest value accepted.</summary>
    public const int MaxLength = 1000;

    /// <summary>Null when <paramref name="value"/> fits <paramref name="category"/>, else why not (never repeating the value).</summary>
    public static string? Check(string category, string value)
    {
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > MaxLength || value.Any(c => char.IsControl(c) && c is not ('\n' or '\t')))
        {
            return $"a value of category {category} must be at most {MaxLength} characters without control characters";
        }

        var last = category[(category.LastIndexOf('.') + 1)..];
        return last switch
        {
            "email" => IsEmail(value) ? null : $"not an e-mail address (category {category})",
            "phone" => IsPhone(value) ? null : $"not a telephone number: 6 to 15 digits, optionally a leading '+' and spaces, dashes or brackets (category {category})",
            "name" or "username" => value.Trim().Length is > 0 and <= 200 && !value.Any(c => char.IsControl(c) || c is '<' or '>')
                ? null
                : $"a name must be 1 to 200 characters without control characters or angle brackets (category {category})",
            _ => null,
        };
    }

    /// <summary>Whether <paramref name="value"/> is one plain e-mail address (no display name).</summary>
    public static bool IsEmail(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        return trimmed.Length <= 254 && trimmed.IndexOf('@', StringComparison.Ordinal) > 0 && !trimmed.Any(char.IsWhiteSpace)
            && MailAddress.TryCreate(trimmed, out var address) && address.Address == trimmed && address.Host.Contains('.', StringComparison.Ordinal);
    }

    /// <summary>Whether <paramref name="value"/> is a telephone number: 6 to 15 digits (E.164), an optional leading '+', and separators.</summary>
    public static bool IsPhone(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        var digits = trimmed.Count(char.IsAsciiDigit);
        return digits is >= 6 and <= 15
            && trimmed.Select((c, i) => char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '.' || (c == '+' && i == 0)).All(ok => ok);
    }
}
