using System.Globalization;
using System.Net;
using System.Text;
using Pledge.Connectors.Locating;
using Pledge.Policy.Model;
using Pledge.Records;

namespace Pledge.Requests.Export;

/// <summary>
/// The readable part of an access export: what we hold (rows per system and table) and, for each activity that
/// processes it, the Art. 15(1) information: purposes, lawful basis, categories, recipients, retention, source,
/// transfers and their safeguards, automated decisions; then the rights and the supervisory authority. Every
/// policy and database value is HTML-encoded.
/// </summary>
public static class SummaryPage
{
    /// <summary>The page, in <paramref name="language"/> where the policy has translations.</summary>
    public static string Render(Policy.Model.Policy policy, DataRequest request, SubjectRows rows, SubjectDisclosure disclosure, DateTimeOffset generatedAt, string? language)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(disclosure);
        var lang = language ?? policy.Notice.DefaultLanguage;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(lang)).Append("\"><head><meta charset=\"utf-8\"><title>Your data at ")
            .Append(E(policy.Organisation.Controller.Name)).Append("</title></head><body>\n");
        html.Append("<h1>Your data at ").Append(E(policy.Organisation.Controller.Name)).Append("</h1>\n<p>Request ")
            .Append(request.Id.ToString(CultureInfo.InvariantCulture)).Append(", generated ").Append(E(generatedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)))
            .Append(". The files <code>data.json</code> and <code>csv/</code> hold a copy of every record below.</p>\n");

        html.Append("<h2>What we hold</h2>\n<table><tr><th>System</th><th>Records</th><th>Rows</th></tr>\n");
        foreach (var table in rows.Tables)
        {
            var system = policy.System(table.SystemId);
            html.Append("<tr><td>").Append(E(system?.Name.In(lang) ?? table.SystemId)).Append("</td><td>").Append(E(table.Table.Name))
                .Append("</td><td>").Append(table.Rows.Length.ToString(CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }

        html.Append("</table>\n<h2>Why we process it</h2>\n");
        foreach (var item in disclosure.Activities)
        {
            var a = item.Activity;
            html.Append("<section><h3>").Append(E(a.Name.In(lang))).Append("</h3>\n<dl>\n");
            Fact(html, "Purposes", string.Join("; ", a.Purposes.Select(p => policy.Purpose(p)?.Name.In(lang) ?? p)));
            Fact(html, "Lawful basis", LegalReferences.Of(a.Basis) + (a.LegitimateInterest is { } li ? " — " + li.In(lang) : ""));
            Fact(html, "Categories of your data", string.Join("; ", item.Categories.Select(c => policy.Category(c)?.Name.In(lang) ?? c)));
            Fact(html, "Recipients", a.Recipients.IsEmpty ? "none outside the organisation" : string.Join("; ", a.Recipients.Select(r => r.Name.In(lang))));
            Fact(html, "How long we keep it", string.Join("; ", a.Retention.Select(r => policy.RetentionRule(r)?.Description.In(lang) ?? r)));
            Fact(html, "Source", Source(a.Source, lang));
            Fact(html, "Transfers outside the EEA", a.Transfers.IsEmpty ? "none" : string.Join("; ", a.Transfers.Select(t =>
                t.Country + (t.Mechanism is { } m ? " (" + m.In(lang) + ")" : t.Safeguard is { } s ? " (" + s + ")" : ""))));
            if (a.AutomatedDecisions is { } ad)
            {
                Fact(html, "Automated decisions", ad.Logic.In(lang) + " " + ad.Significance.In(lang));
            }

            html.Append("</dl></section>\n");
        }

        html.Append("<h2>Your rights</h2>\n<ul>\n");
        foreach (var right in policy.Rights.Rights)
        {
            html.Append("<li>").Append(E(RightText(right))).Append("</li>\n");
        }

        var authority = policy.Organisation.Authority;
        html.Append("</ul>\n<p>You may complain to ").Append(E(authority.Name)).Append(authority.Website is { } w ? " (" + E(w) + ")" : "").Append(".</p>\n");
        if (policy.Organisation.Dpo is { } dpo)
        {
            html.Append("<p>Our data protection officer: ").Append(E(dpo.Name)).Append(dpo.Email is { } e ? ", " + E(e) : "").Append(".</p>\n");
        }

        return html.Append("</body></html>\n").ToString();
    }

    private static void Fact(StringBuilder html, string name, string value) =>
        html.Append("<dt>").Append(E(name)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");

    private static string Source(DataSource source, string lang) =>
        string.Join("; ", (source.FromSubject ? ["from you"] : Array.Empty<string>()).Concat(source.ThirdParties.Select(t => t.In(lang)))
            .Concat(source.PubliclyAvailable ? ["publicly available sources"] : []));

    private static string RightText(SubjectRight right) => right switch
    {
        SubjectRight.Informed => "to be informed (Art. 13, 14)",
        SubjectRight.Access => "of access (Art. 15)",
        SubjectRight.Rectification => "to rectification (Art. 16)",
        SubjectRight.Erasure => "to erasure (Art. 17)",
        SubjectRight.Restriction => "to restriction of processing (Art. 18)",
        SubjectRight.Portability => "to data portability (Art. 20)",
        SubjectRight.Objection => "to object (Art. 21)",
        SubjectRight.AutomatedDecisions => "not to be subject to automated decisions (Art. 22)",
        SubjectRight.WithdrawConsent => "to withdraw consent at any time (Art. 7(3))",
        _ => "to lodge a complaint with a supervisory authority (Art. 77)",
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
