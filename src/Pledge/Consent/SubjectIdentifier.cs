using System.Text;
using PhoneNumbers;

namespace Pledge.Consent;

/// <summary>
/// One way a person is known, normalised: <c>email:ada@example.com</c>, <c>phone:+441223000000</c>,
/// <c>account_id:A-1001</c>, <c>cookie_id:…</c>. Obtain one from <see cref="Parse"/> or <see cref="Create"/>, which
/// normalise: e-mail trimmed and lower-cased, phone numbers to E.164, other kinds trimmed and NFC-normalised.
/// </summary>
public sealed record SubjectIdentifier
{
    /// <summary>The longest identifier value accepted, in characters.</summary>
    public const int MaxValueLength = 320;

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    private SubjectIdentifier(string kind, string value)
    {
        Kind = kind;
        Value = value;
        Key = kind + ":" + value;
    }

    /// <summary>The kind: <c>email</c>, <c>phone</c>, <c>account_id</c>, <c>cookie_id</c>, or another lower-case word.</summary>
    public string Kind { get; }

    /// <summary>The normalised value.</summary>
    public string Value { get; }

    /// <summary><c>kind:value</c>: the identifier's key in the store.</summary>
    public string Key { get; }

    /// <summary>Parses <c>kind:value</c>; a bare value with an @ is taken as an e-mail address.</summary>
    /// <param name="defaultRegion">ISO 3166 region for phone numbers written without a country code (e.g. <c>GB</c>).</param>
    public static IdentifierResult Parse(string? text, string? defaultRegion = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return IdentifierResult.Fail("the identifier is empty; write kind:value, e.g. email:ada@example.com");
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return text.Contains('@', StringComparison.Ordinal)
                ? Create("email", text, defaultRegion)
                : IdentifierResult.Fail("an identifier is kind:value, e.g. email:ada@example.com or account_id:A-1001");
        }

        return Create(text[..colon], text[(colon + 1)..], defaultRegion);
    }

    /// <summary>Normalises <paramref name="value"/> as an identifier of <paramref name="kind"/>.</summary>
    public static IdentifierResult Create(string kind, string value, string? defaultRegion = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(value);
        kind = kind.Trim().ToLowerInvariant();
        if (kind.Length is 0 or > 40 || !char.IsAsciiLetterLower(kind[0]) || !kind.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            return IdentifierResult.Fail("an identifier kind is a lower-case word such as email, phone, account_id or cookie_id");
        }

        value = value.Trim().Normalize(NormalizationForm.FormC);
        if (value.Length == 0)
        {
            return IdentifierResult.Fail($"the {kind} is empty");
        }

        if (value.Length > MaxValueLength || value.Any(char.IsControl))
        {
            return IdentifierResult.Fail($"the {kind} is longer than {MaxValueLength} characters or holds control characters");
        }

        return kind switch
        {
            "email" => Email(value),
            "phone" => Phone(value, defaultRegion),
            _ => IdentifierResult.Ok(new SubjectIdentifier(kind, value)),
        };
    }

    internal static SubjectIdentifier FromKey(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return new SubjectIdentifier(key[..colon], key[(colon + 1)..]);
    }

    private static IdentifierResult Email(string value)
    {
        // Local parts are case-sensitive in theory and never in practice: one person, one address, whatever its case.
        var email = value.ToLowerInvariant();
        var at = email.LastIndexOf('@');
        if (at <= 0 || at == email.Length - 1 || email.IndexOf('@', StringComparison.Ordinal) != at || email.Any(char.IsWhiteSpace)
            || !email[(at + 1)..].Contains('.', StringComparison.Ordinal) || email.EndsWith('.'))
        {
            return IdentifierResult.Fail("the e-mail address is not of the form name@domain.tld");
        }

        return IdentifierResult.Ok(new SubjectIdentifier("email", email));
    }

    private static IdentifierResult Phone(string value, string? defaultRegion)
    {
        try
        {
            var number = Phones.Parse(value, string.IsNullOrWhiteSpace(defaultRegion) ? null : defaultRegion.ToUpperInvariant());
            if (!Phones.IsPossibleNumber(number))
            {
                return IdentifierResult.Fail("the phone number is not a possible number");
            }

            return IdentifierResult.Ok(new SubjectIdentifier("phone", Phones.Format(number, PhoneNumberFormat.E164)));
        }
        catch (NumberParseException)
        {
            return IdentifierResult.Fail(value.StartsWith('+') || !string.IsNullOrWhiteSpace(defaultRegion)
                ? "the phone number cannot be read"
                : "the phone number has no country code: write it as +44… or give a default region");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Key;
}

/// <summary>A normalised identifier, or why the text is not one. The error never repeats the value.</summary>
public readonly record struct IdentifierResult(SubjectIdentifier? Identifier, string? Error)
{
    internal static IdentifierResult Ok(SubjectIdentifier identifier) => new(identifier, null);

    internal static IdentifierResult Fail(string error) => new(null, error);
}
