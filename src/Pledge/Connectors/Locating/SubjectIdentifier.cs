using System.Text;

namespace Pledge.Connectors.Locating;

/// <summary>
/// One identifier of a data subject: its kind (a taxonomy identifier key such as <c>email</c>) and value.
/// Values are compared in normal form (<see cref="Normalize"/>), and identity columns are expected to hold
/// normal forms: an exact match on an indexed column, not a case-insensitive scan.
/// </summary>
public sealed record SubjectIdentifier
{
    /// <summary>Creates an identifier; <paramref name="value"/> is normalised for its kind.</summary>
    public SubjectIdentifier(string kind, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(value);
        Kind = kind;
        Value = Normalize(kind, value);
    }

    /// <summary>The identifier kind, a taxonomy key (<c>email</c>, <c>phone</c>, <c>account_id</c>, ...).</summary>
    public string Kind { get; }

    /// <summary>The value in normal form.</summary>
    public string Value { get; }

    /// <summary>An e-mail address.</summary>
    public static SubjectIdentifier Email(string value) => new("email", value);

    /// <summary>
    /// The normal form of an identifier value: e-mail addresses trimmed and lower-cased (invariant culture), telephone
    /// numbers reduced to digits with a leading '+' kept, every other kind trimmed. The consent ledger uses the same
    /// forms, so a person is the same person everywhere.
    /// </summary>
    public static string Normalize(string kind, string value)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.Trim();
        switch (kind)
        {
            case "email":
                return trimmed.ToLowerInvariant();
            case "phone":
                var digits = new StringBuilder(trimmed.Length);
                foreach (var c in trimmed)
                {
                    if (char.IsAsciiDigit(c) || (c == '+' && digits.Length == 0))
                    {
                        digits.Append(c);
                    }
                }

                return digits.ToString();
            default:
                return trimmed;
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"{Kind}:{Value}";
}
