using System.Text;
using Pledge.Connectors.Locating;
using Pledge.Redaction;

namespace Pledge.Requests.Export;

/// <summary>
/// The redaction engine behind the export seam: in free-text fields, every e-mail, phone, IP address, card, IBAN and
/// account or host name that is not the subject's own is replaced by its type tag (<c>&lt;EMAIL&gt;</c>). "Own" means
/// held in a structured (non-free-text) field of one of the subject's located rows, or the identifier the request
/// names — so the subject's own address in their chat stays, another person's goes (Art. 15(4)).
/// </summary>
public sealed class SubjectAwareRedactor : ThirdPartyRedactor
{
    private static readonly Redactor Engine = new(new RedactionOptions());
    private readonly HashSet<string> _own;

    private SubjectAwareRedactor(HashSet<string> own) => _own = own;

    /// <summary>A redactor that keeps the values found in the subject's own structured fields and <paramref name="identifier"/>.</summary>
    public static SubjectAwareRedactor ForSubject(SubjectRows rows, string identifier)
    {
        var own = new HashSet<string>(StringComparer.Ordinal) { Normalise(identifier) };
        foreach (var table in rows.Tables)
        {
            for (var i = 0; i < table.Columns.Length; i++)
            {
                if (table.Table.Field(table.Columns[i]) is { } field && field.Category.StartsWith("user.content", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (var row in table.Rows)
                {
                    if (row.Values[i] is string s && s.Length > 0)
                    {
                        own.Add(Normalise(s));
                    }
                }
            }
        }

        return new SubjectAwareRedactor(own);
    }

    /// <inheritdoc />
    public override string Redact(string system, string table, string column, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var matches = Engine.Find(bytes);
        if (matches.Count == 0)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length);
        var position = 0;
        foreach (var match in matches)
        {
            if (match.Start < position || _own.Contains(Normalise(Encoding.UTF8.GetString(bytes, match.Start, match.Length))))
            {
                continue;
            }

            sb.Append(Encoding.UTF8.GetString(bytes, position, match.Start - position)).Append('<').Append(PiiTypes.Tag(match.Type)).Append('>');
            position = match.Start + match.Length;
        }

        return position == 0 ? value : sb.Append(Encoding.UTF8.GetString(bytes, position, bytes.Length - position)).ToString();
    }

    private static string Normalise(string value) => value.Trim().ToLowerInvariant();
}
