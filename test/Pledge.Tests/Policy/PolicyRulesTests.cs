using Pledge.Diagnostics;
using Pledge.Tests.Support;

namespace Pledge.Tests.Policy;

/// <summary>
/// One planted fault per rule: the example policy passes, and the same policy with the fault reports the
/// rule's code at the file and line of the fault.
/// </summary>
public sealed class PolicyRulesTests
{
    public static TheoryData<string, string, string, string, string> Faults => new()
    {
        // code, file, find, replace-with, text on the expected line (after the replacement)
        { "PL005", "activities/people.yaml", "    lawful_basis: legal_obligation", "    lawful_basis: legal_obligation\n    retension: [x]", "retension" },
        { "PL006", "data-map.yaml", "        timestamps: [registered_at, last_seen_at]", "        timestamps: { a: b }", "timestamps: { a: b }" },
        { "PL007", "activities/product.yaml", "    lawful_basis: contract\n    subjects: [customer, user]", "    lawful_basis: contractual\n    subjects: [customer, user]", "lawful_basis: contractual" },
        { "PL008", "policy.yaml", "    name: Information Commissioner's Office\n", "", "    country: GB" },
        { "PL009", "retention.yaml", "    period: 30 days\n    action: anonymise", "    period: thirty days\n    action: anonymise", "thirty days" },
        { "PL010", "activities/website.yaml", "  - id: campaign-tracking", "  - id: website-analytics", "  - id: website-analytics\n    name: { en: Measuring" },
        { "PL011", "activities/support.yaml", "    purposes: [support]", "    purposes: [suport]", "purposes: [suport]" },
        { "PL012", "policy.yaml", "  - retention.yaml", "  - retention.yaml\n  - missing.yaml", "missing.yaml" },
        { "PL013", "retention.yaml", "retention:", "rights: { response: 1 month }\nretention:", "rights:" },
        { "PL020", "activities/people.yaml", "    lawful_basis: legal_obligation\n", "", "  - id: billing" },
        { "PL021", "activities/website.yaml", "    legitimate_interest:\n      en: A stable, efficient and secure website.\n      de: Eine stabile, effiziente und sichere Website.\n", "", "lawful_basis: legitimate_interests" },
        { "PL022", "activities/people.yaml", "      withdrawal: { en: E-mail privacy@farlink.example to have your answers deleted, de: \"E-Mail an privacy@farlink.example, um Ihre Angaben löschen zu lassen\" }\n", "", "mode: opt_in\n      collection: { en: A separate" },
        { "PL023", "activities/people.yaml", "    article9_condition: employment\n", "", "categories: [user.contact, user.name, user.employment, user.health]" },
        { "PL024", "activities/support.yaml", "      - { country: US, recipient: livedesk-chat, safeguard: uk_idta }", "      - { country: US, recipient: livedesk-chat }", "country: US, recipient: livedesk-chat }" },
        { "PL025", "activities/people.yaml", "    retention: [applications-six-months]\n", "", "  - id: recruitment" },
        { "PL026", "retention.yaml", "    anchor: support_tickets.closed_at", "    anchor: support_tickets.closed", "anchor: support_tickets.closed" },
        { "PL027", "policy.yaml", "      category: marketing\n", "      category: marketing\n      consent: false\n", "consent: false" },
        { "PL028", "policy.yaml", "      duration: 90 days", "      duration: 25 months", "duration: 25 months" },
        { "PL029", "data-map.yaml", "          - { column: answers, category: user.content.messages }", "          - { column: answers, category: user.content.messages }\n          - { column: shoe_size, category: user.account.settings }", "shoe_size" },
        { "PL030", "activities/product.yaml", "    processors: [northwind-cloud]\n    retention: [closed-accounts", "    processors: [northwind-cloud, s3-bucket]\n    retention: [closed-accounts", "s3-bucket" },
        { "PL031", "policy.yaml", "processors:\n", "processors:\n  - { id: old-vendor, name: Old Vendor Ltd, purpose: Nothing, locations: [GB] }\n", "old-vendor" },
        { "PL032", "data-map.yaml", "      - name: sign_ins", "      - name: \"sign_ins; DROP TABLE accounts\"", "DROP TABLE" },
        { "PL033", "activities/marketing.yaml", ", mechanism: UK Extension to the EU-US Data Privacy Framework }", " }", "country: US, recipient: postbox-mailer" },
        { "PL034", "policy.yaml", "    reason:\n      en: Records needed to establish, exercise or defend legal claims are kept until the claim is resolved.\n      de: Unterlagen, die zur Geltendmachung, Ausübung oder Verteidigung von Rechtsansprüchen nötig sind, bewahren wir bis zur Erledigung auf.\n", "", "id: legal-claims" },
        { "PL035", "retention.yaml", "    fields: [notes, phone]", "    fields: [notes, phone, id]", "fields: [notes, phone, id]" },
        { "PL036", "activities/website.yaml", "    direct_marketing: true\n", "    direct_marketing: true\n    objection: balancing\n", "objection: balancing" },
        { "PL037", "activities/people.yaml", "      mode: opt_in\n      collection: { en: A separate", "      mode: opt_out\n      collection: { en: A separate", "article9_condition: explicit_consent" },
        { "PL038", "data-map.yaml", "        identity:\n          - { column: visitor_id, identifier: cookie_id }\n        timestamps: [requested_at]", "        timestamps: [requested_at]", "name: web_requests" },
        { "PL039", "policy.yaml", "  version: \"2026.11\"", "  version: \"2026.12\"", "version: \"2026.12\"" },
        { "PL040", "activities/people.yaml", "      mode: opt_in\n      collection: { en: A separate", "      mode: opt_out\n      collection: { en: A separate", "mode: opt_out\n      collection: { en: A separate" },
    };

    [Fact]
    public void Load_Example_HasNoDiagnostics()
    {
        using var copy = PolicyCopy.OfExample();

        var result = copy.Load();

        Assert.Empty(result.Diagnostics);
        Assert.NotNull(result.Policy);
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public void Load_PlantedFault_ReportsRuleAtItsLine(string code, string file, string find, string replace, string expectedLineText)
    {
        using var copy = PolicyCopy.OfExample().Replace(file, find, replace);
        var expectedLine = LineOfFirst(copy, file, expectedLineText);

        var result = copy.Load();

        var hits = result.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(hits.Count > 0, $"expected {code}; got:\n{string.Join("\n", result.Diagnostics)}");
        Assert.Contains(hits, d => d.Location.File.EndsWith(file, StringComparison.Ordinal) && d.Location.Line == expectedLine);
        if (hits[0].Severity == DiagnosticSeverity.Error)
        {
            Assert.Null(result.Policy);
        }
    }

    [Fact]
    public void Rules_EveryCodeHasAPlantedFaultOrABadInputTest()
    {
        var planted = Faults.Select(row => (string)row[0]).ToHashSet();
        var inputRules = new[] { "PL001", "PL002", "PL003", "PL004" };

        var connected = Connectors.DataMapCheckTests.Codes; // reported by check --connect, planted in a database

        var untested = Rules.All.Select(r => r.Code).Where(c => !planted.Contains(c) && !inputRules.Contains(c) && !connected.Contains(c));

        Assert.Empty(untested);
    }

    [Fact]
    public void Load_ManyPlantedFaults_ReportsEveryOneInOneRun()
    {
        using var copy = PolicyCopy.OfExample();
        var codes = new List<string>();
        foreach (var row in Faults)
        {
            var (code, file, find, replace) = ((string)row[0], (string)row[1], (string)row[2], (string)row[3]);
            if (code is "PL013" or "PL012" or "PL010" or "PL037")
            {
                continue; // these overlap with other rows' edits; they are covered one by one above
            }

            var text = File.ReadAllText(Path.Combine(copy.Dir, file));
            if (text.Contains(find, StringComparison.Ordinal))
            {
                copy.Replace(file, find, replace);
                codes.Add(code);
            }
        }

        var result = copy.Load();

        Assert.True(codes.Count >= 20, $"only {codes.Count} faults could be planted together");
        var reported = result.Diagnostics.Select(d => d.Code).ToHashSet();
        Assert.All(codes, code => Assert.Contains(code, reported));
    }

    private static int LineOfFirst(PolicyCopy copy, string file, string text)
    {
        var content = File.ReadAllText(Path.Combine(copy.Dir, file));
        var at = content.IndexOf(text, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{text}' not found in {file}");
        return content[..at].Count(c => c == '\n') + 1;
    }
}
