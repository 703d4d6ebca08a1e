namespace Pledge.Requests.Export;

/// <summary>
/// The seam for removing other people's personal data from what an access export hands over (another person's
/// e-mail address inside a chat transcript, Art. 15(4)). The exporter passes every text value of a free-text field
/// (categories under <c>user.content</c>) through <see cref="Redact"/>. <see cref="None"/> hands values over unchanged;
/// an adapter over the redaction engine (<c>Pledge.Redaction.Redactor</c>), told the subject's own identifiers so that
/// they stay, is the intended implementation.
/// </summary>
public abstract class ThirdPartyRedactor
{
    /// <summary>Leaves every value as it is.</summary>
    public static ThirdPartyRedactor None { get; } = new Unchanged();

    /// <summary>Whether the exporter should pass values of <paramref name="category"/> through <see cref="Redact"/>.</summary>
    public virtual bool Applies(string category) => category.StartsWith("user.content", StringComparison.Ordinal);

    /// <summary>The value with third parties' personal data replaced.</summary>
    public abstract string Redact(string system, string table, string column, string value);

    private sealed class Unchanged : ThirdPartyRedactor
    {
        public override bool Applies(string category) => false;

        public override string Redact(string system, string table, string column, string value) => value;
    }
}
