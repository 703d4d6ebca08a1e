using System.Globalization;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using Pledge.Diagnostics;
using Pledge.Policy.Loading;
using Pledge.Tests.Support;

namespace Pledge.Tests.Policy;

/// <summary>The published JSON Schema accepts what the loader accepts and rejects misspelt keys, so editors agree with pledge check.</summary>
public sealed class PolicySchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(Repo.Root, "schema", "pledge-policy.schema.json"))).GetAwaiter().GetResult());

    public static TheoryData<string> ExampleFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Repo.ExampleDir, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(Repo.ExampleDir, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Validate_ExampleFile_HasNoSchemaErrors(string file)
    {
        var json = ToJson(File.ReadAllBytes(Path.Combine(Repo.ExampleDir, file)));

        var errors = Schema.Value.Validate(json);

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void Validate_DefaultTaxonomyFile_HasNoSchemaErrors()
    {
        var json = ToJson(File.ReadAllBytes(Path.Combine(Repo.Root, "src", "Pledge", "Policy", "Defaults", "taxonomy.yaml")));

        Assert.Empty(Schema.Value.Validate(json));
    }

    [Theory]
    [InlineData("activities/people.yaml", "    lawful_basis: legal_obligation", "    lawfull_basis: legal_obligation")]
    [InlineData("data-map.yaml", "        timestamps: [registered_at, last_seen_at]", "        timestamp: [registered_at, last_seen_at]")]
    [InlineData("policy.yaml", "  max_lifetime: 2 years", "  max_lifetime: 2 years\n  maximum: 3")]
    [InlineData("retention.yaml", "    action: anonymise\n    holds", "    action: anonymize\n    holds")]
    public void Validate_FaultTheLoaderReports_SchemaReportsToo(string file, string find, string replace)
    {
        using var copy = PolicyCopy.OfExample().Replace(file, find, replace);
        Assert.True(copy.Load().HasErrors);

        var errors = Schema.Value.Validate(ToJson(File.ReadAllBytes(Path.Combine(copy.Dir, file))));

        Assert.NotEmpty(errors);
    }

    [Fact]
    public void ExamplePolicy_ReferencesTheSchema()
    {
        var first = File.ReadLines(Repo.ExamplePolicy).First();

        Assert.Contains("$schema=../../schema/pledge-policy.schema.json", first, StringComparison.Ordinal);
    }

    private static JToken ToJson(byte[] yaml)
    {
        var diagnostics = new List<Diagnostic>();
        var node = YamlReader.Read(yaml, "file", diagnostics);
        Assert.Empty(diagnostics);
        return Convert(node!);
    }

    private static JToken Convert(YNode node) => node switch
    {
        YMapping m => new JObject(m.Entries.Select(e => new JProperty(e.Key.Value, Convert(e.Value)))),
        YSequence s => new JArray(s.Items.Select(Convert)),
        YScalar { IsNull: true } => JValue.CreateNull(),
        YScalar { IsPlain: true } p when long.TryParse(p.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) => new JValue(n),
        YScalar { IsPlain: true, Value: "true" or "false" } b => new JValue(b.Value == "true"),
        YScalar s => new JValue(s.Value),
        _ => throw new InvalidOperationException(),
    };
}
