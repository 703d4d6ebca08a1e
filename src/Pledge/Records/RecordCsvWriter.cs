using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Pledge.Records;

/// <summary>
/// Writes a <see cref="RecordOfProcessing"/> as CSV (RFC 4180): a header row, then one row per activity with the
/// controller's details repeated so each row stands alone. Multi-valued cells are joined with "; "; an empty
/// Art. 30 item reads "none" so it is visibly considered rather than missing. Cells that a spreadsheet would read
/// as a formula (starting with =, +, -, @, tab or carriage return) are prefixed with an apostrophe.
/// Thread safe; output depends on the record only.
/// </summary>
public static class RecordCsvWriter
{
    /// <summary>The header row, stable across versions; new columns are only ever appended.</summary>
    public static ImmutableArray<string> Columns { get; } =
    [
        "Activity id",
        "Activity",
        "Description",
        "Controller (Art. 30(1)(a))",
        "Controller contact",
        "Joint controllers",
        "Representatives",
        "Data protection officer",
        "Purposes (Art. 30(1)(b))",
        "Lawful basis",
        "Legitimate interest",
        "Art. 9 condition",
        "Data subjects (Art. 30(1)(c))",
        "Personal data (Art. 30(1)(c))",
        "Special categories",
        "Source",
        "Recipients (Art. 30(1)(d))",
        "Third-country transfers (Art. 30(1)(e))",
        "Time limits for erasure (Art. 30(1)(f))",
        "Security measures (Art. 30(1)(g))",
        "Consent",
        "Objection",
        "Automated decisions",
        "Systems",
        "Notice version",
    ];

    private const string None = "none";

    /// <summary>Writes the header and one row per activity, each line ended by CRLF.</summary>
    public static void Write(RecordOfProcessing record, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(writer);
        WriteRow(writer, Columns);
        var c = record.Controller;
        var controller = Join([c.Party.Name, c.Party.Registration]);
        var representatives = OrNone(c.Representatives.Select(r => $"{r.Region}: {Join([r.Party.Name, r.Party.Contact], ", ")}"));
        var dpo = c.Dpo is null ? "none designated" : Join([c.Dpo.Name, c.Dpo.Contact], ", ");
        var security = OrNone(record.SecurityMeasures);
        foreach (var a in record.Activities)
        {
            WriteRow(writer,
            [
                a.Id,
                a.Name,
                a.Description ?? "",
                controller,
                c.Party.Contact,
                a.JointControllers.IsEmpty ? None : string.Join("; ", a.JointControllers),
                representatives,
                dpo,
                string.Join("; ", a.Purposes),
                $"{a.LawfulBasis} ({a.LawfulBasisArticle})",
                a.LegitimateInterest ?? "",
                a.Article9Condition is null ? "" : $"{a.Article9Condition} ({a.Article9Article})",
                string.Join("; ", a.Subjects),
                string.Join("; ", a.Categories.Select(Category)),
                string.Join("; ", a.SpecialCategories),
                Source(a.Source),
                OrNone(a.Recipients.Select(Recipient)),
                OrNone(a.Transfers.Select(Transfer)),
                string.Join("; ", a.Retention.Select(r => $"{r.Id}: {r.TimeLimit}")),
                security,
                Consent(a.Consent),
                a.Objection,
                a.AutomatedDecisions is { } ad ? $"{ad.Logic} ({ad.Significance})" : None,
                string.Join("; ", a.Systems),
                record.Generated.NoticeVersion,
            ]);
        }
    }

    /// <summary>The record as a CSV string.</summary>
    public static string ToCsv(RecordOfProcessing record)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Write(record, writer);
        return writer.ToString();
    }

    /// <summary>
    /// One cell as RFC 4180 requires: quoted when it holds a comma, quote, CR or LF, quotes doubled; and prefixed
    /// with an apostrophe when a spreadsheet would evaluate it as a formula (CSV injection).
    /// </summary>
    public static string Escape(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            cell = "'" + cell;
        }

        if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            return cell;
        }

        return new StringBuilder(cell.Length + 8).Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"').ToString();
    }

    private static void WriteRow(TextWriter writer, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write(Escape(cells[i]));
        }

        writer.Write("\r\n");
    }

    private static string Join(IEnumerable<string?> parts, string separator = "; ") =>
        string.Join(separator, parts.Where(p => !string.IsNullOrWhiteSpace(p)));

    private static string OrNone(IEnumerable<string> values) => string.Join("; ", values) is { Length: > 0 } s ? s : None;

    private static string Category(CategoryEntry c) =>
        $"{c.Name} ({c.Key}){(c.Special ? " [special category]" : "")}{(c.Criminal ? " [criminal offence data]" : "")}";

    private static string Source(SourceEntry s)
    {
        var parts = new List<string>();
        if (s.FromSubject)
        {
            parts.Add("the data subject");
        }

        parts.AddRange(s.ThirdParties);
        return string.Join("; ", parts) + (s.PubliclyAvailable ? " (publicly available)" : "");
    }

    private static string Recipient(RecipientEntry r)
    {
        var role = r.Role is null ? r.Kind : r.Role;
        var where = r.ThirdCountries.IsEmpty ? "" : $", third countries: {string.Join(", ", r.ThirdCountries)}";
        return $"{r.Name} ({role}{where}){(r.Anonymised ? " [anonymised data only]" : "")}";
    }

    private static string Transfer(TransferEntry t)
    {
        var sb = new StringBuilder(t.Country);
        if (t.Recipient is not null)
        {
            sb.Append(" to ").Append(t.Recipient);
        }

        sb.Append(": ").Append(t.Safeguard is null ? "no safeguard stated" : $"{t.Safeguard} ({t.SafeguardArticle})");
        if (t.Derogation)
        {
            sb.Append(" [Art. 49 derogation]");
        }

        if (t.Mechanism is not null)
        {
            sb.Append(", ").Append(t.Mechanism);
        }

        return sb.ToString();
    }

    private static string Consent(ConsentEntry c)
    {
        if (c.Mode == "none")
        {
            return "none";
        }

        var parts = new List<string> { c.Mode };
        if (c.Lifetime is not null)
        {
            parts.Add($"valid {c.Lifetime}");
        }

        if (c.Withdrawal is not null)
        {
            parts.Add($"withdraw: {c.Withdrawal}");
        }

        return string.Join("; ", parts);
    }
}
