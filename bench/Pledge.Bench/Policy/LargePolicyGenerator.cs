using System.Globalization;
using System.Text;

namespace Pledge.Bench.Policy;

/// <summary>
/// Writes a valid policy of a given size, split across files as a large organisation would: one file per
/// system for the data map and one per 100 activities. Deterministic for a given size.
/// </summary>
internal static class LargePolicyGenerator
{
    public static string Write(string dir, int activities = 1_000, int fields = 5_000)
    {
        Directory.CreateDirectory(Path.Combine(dir, "systems"));
        Directory.CreateDirectory(Path.Combine(dir, "activities"));
        const int systems = 10;
        const int fieldsPerTable = 10;
        var tables = fields / fieldsPerTable;
        var tablesPerSystem = Math.Max(1, tables / systems);
        var categories = Math.Max(1, tables);
        var inv = CultureInfo.InvariantCulture;

        var root = new StringBuilder();
        root.Append("""
            pledge: 1
            include: [taxonomy.yaml, retention.yaml, "systems/*.yaml", "activities/*.yaml"]
            notice: { version: "1", effective: 2026-01-01, languages: [en] }
            organisation:
              controller: { name: Generated Ltd, email: privacy@generated.example }
              dpo: { name: DPO, email: dpo@generated.example }
              authority: { name: Authority, country: DE }
            processors:

            """);
        for (var p = 0; p < 50; p++)
        {
            root.Append(inv, $"  - {{ id: p{p}, name: Processor {p}, purpose: Hosting, locations: [DE, US], safeguard: scc }}\n");
        }

        root.Append("cookies:\n  max_lifetime: 2 years\n  items:\n");
        for (var c = 0; c < 100; c++)
        {
            root.Append(inv, $"    - {{ name: c{c}, provider: Generated, category: {(c % 2 == 0 ? "analytics" : "strictly_necessary")}, purpose: Purpose {c}, duration: 1 year }}\n");
        }

        File.WriteAllText(Path.Combine(dir, "policy.yaml"), root.ToString());

        var taxonomy = new StringBuilder("taxonomy:\n  categories:\n    - { key: gen, name: Generated }\n");
        for (var c = 0; c < categories; c++)
        {
            taxonomy.Append(inv, $"    - {{ key: gen.c{c}, name: Category {c} }}\n");
        }

        File.WriteAllText(Path.Combine(dir, "taxonomy.yaml"), taxonomy.ToString());

        var retention = new StringBuilder("retention:\n");
        var table = 0;
        for (var s = 0; s < systems; s++)
        {
            var sys = new StringBuilder(string.Create(inv, $"systems:\n  - id: s{s}\n    connector: postgres\n    connection_env: DB_{s}\n    tables:\n"));
            for (var t = 0; t < tablesPerSystem; t++, table++)
            {
                sys.Append(inv, $"      - name: t{t}\n        identity: [{{ column: email, identifier: email }}]\n");
                if (t > 0)
                {
                    sys.Append(inv, $"        references: [{{ column: parent_id, table: t{t - 1} }}]\n");
                }

                sys.Append("        timestamps: [created_at, updated_at]\n        fields:\n");
                for (var f = 0; f < fieldsPerTable; f++)
                {
                    sys.Append(inv, $"          - {{ column: f{f}, category: gen.c{table}, erasure: {(f % 3 == 0 ? "hash" : "null")} }}\n");
                }

                retention.Append(inv, $"  - {{ id: r{table}, description: Rule {table}, system: s{s}, table: t{t}, anchor: created_at, period: {1 + (table % 36)} months }}\n");
            }

            File.WriteAllText(Path.Combine(dir, "systems", string.Create(inv, $"s{s:D2}.yaml")), sys.ToString());
        }

        File.WriteAllText(Path.Combine(dir, "retention.yaml"), retention.ToString());

        for (var file = 0; file * 100 < activities; file++)
        {
            var sb = new StringBuilder("activities:\n");
            for (var a = file * 100; a < Math.Min(activities, (file + 1) * 100); a++)
            {
                // Tables of system s are numbered s * tablesPerSystem ...; each activity covers five of its system's.
                var picks = Enumerable.Range(0, 5).Select(k => (a % systems * tablesPerSystem) + ((a / systems * 5) + k) % tablesPerSystem).ToList();
                var cats = string.Join(", ", picks.Select(t => string.Create(inv, $"gen.c{t}")));
                var rules = string.Join(", ", picks.Select(t => string.Create(inv, $"r{t}")));
                sb.Append(inv, $$"""
                      - id: a{{a}}
                        name: Activity {{a}}
                        description: Generated activity number {{a}}.
                        purposes: [{{(a % 2 == 0 ? "service_delivery" : "support")}}]
                        lawful_basis: {{(a % 3 == 0 ? "legitimate_interests" : "contract")}}
                        legitimate_interest: Running the service.
                        subjects: [customer]
                        categories: [{{cats}}]
                        systems: [s{{a % systems}}]
                        processors: [p{{a % 50}}]
                        transfers: [{ country: US, recipient: p{{a % 50}}, safeguard: scc }]
                        retention: [{{rules}}]

                    """);
            }

            File.WriteAllText(Path.Combine(dir, "activities", string.Create(inv, $"a{file:D3}.yaml")), sb.ToString());
        }

        return Path.Combine(dir, "policy.yaml");
    }
}
