using System.Diagnostics;
using System.Text;
using Pledge.Policy.Loading;
using Pledge.Tests.Support;

namespace Pledge.Tests.Policy;

/// <summary>Input that is not a policy at all gets one clear diagnostic, never an exception or a hang.</summary>
public sealed class BadInputTests
{
    [Fact]
    public void Load_BinaryFile_ReportsPL001()
    {
        using var copy = PolicyCopy.Empty();
        File.WriteAllBytes(copy.Root, [0x7F, (byte)'E', (byte)'L', (byte)'F', 0, 1, 2, 3, 0xFF, 0xFE]);

        var result = copy.Load();

        var d = Assert.Single(result.Diagnostics, d => d.Code == "PL001");
        Assert.Contains("binary", d.Message, StringComparison.Ordinal);
        Assert.Null(result.Policy);
    }

    [Fact]
    public void Load_InvalidUtf8_ReportsPL001WithOffset()
    {
        using var copy = PolicyCopy.Empty();
        File.WriteAllBytes(copy.Root, [.. "pledge: 1\nname: "u8, 0xC3, 0x28, (byte)'\n']);

        var result = copy.Load();

        var d = Assert.Single(result.Diagnostics, d => d.Code == "PL001");
        Assert.Contains("UTF-8", d.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  \t\n")]
    [InlineData("# only a comment\n")]
    public void Load_EmptyFile_ReportsOneClearError(string content)
    {
        using var copy = PolicyCopy.Empty().Write("policy.yaml", content);

        var result = copy.Load();

        Assert.True(result.HasErrors);
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("empty", StringComparison.Ordinal) || d.Code == "PL008");
    }

    [Fact]
    public void Load_MissingFile_ReportsPL001()
    {
        var result = PolicyLoader.Load(Path.Combine(Path.GetTempPath(), "no-such-policy-" + Guid.NewGuid().ToString("N") + ".yaml"));

        Assert.Contains(result.Diagnostics, d => d.Code == "PL001" && d.Message.Contains("not found", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_TenMegabyteFile_ReportsPL002WithoutReadingIt()
    {
        using var copy = PolicyCopy.Empty();
        var line = "# " + new string('x', 1022) + "\n";
        File.WriteAllText(copy.Root, string.Concat(Enumerable.Repeat(line, 10 * 1024)));

        var result = copy.Load();

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("PL002", d.Code);
        Assert.Contains("10.0 MiB", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DeeplyNestedYaml_ReportsPL004()
    {
        using var copy = PolicyCopy.Empty();
        var depth = 10_000;
        File.WriteAllText(copy.Root, "pledge: 1\nnotice: " + new string('[', depth) + new string(']', depth) + "\n");

        var result = copy.Load();

        Assert.Contains(result.Diagnostics, d => d.Code == "PL004" && d.Message.Contains("nesting", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DeeplyNestedBlockMappings_ReportsPL004()
    {
        using var copy = PolicyCopy.Empty();
        var sb = new StringBuilder("pledge: 1\n");
        for (var i = 0; i < 200; i++)
        {
            sb.Append(new string(' ', i)).Append('k').Append(i).Append(":\n");
        }

        File.WriteAllText(copy.Root, sb.ToString());

        var result = copy.Load();

        Assert.Contains(result.Diagnostics, d => d.Code == "PL004");
    }

    [Fact]
    public void Load_AliasBomb_ReportsPL004Quickly()
    {
        using var copy = PolicyCopy.Empty();
        var sb = new StringBuilder("pledge: 1\nlol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 12; i++)
        {
            var refs = string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9));
            sb.Append($"lol{i}: &a{i} [{refs}]\n");
        }

        File.WriteAllText(copy.Root, sb.ToString());
        var clock = Stopwatch.StartNew();

        var result = copy.Load();

        Assert.Contains(result.Diagnostics, d => d.Code == "PL004" && d.Message.Contains("alias", StringComparison.Ordinal));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "an alias bomb must be refused, not expanded");
    }

    [Fact]
    public void Load_MalformedYaml_ReportsPL003AtThePosition()
    {
        using var copy = PolicyCopy.Empty().Write("policy.yaml", "pledge: 1\nnotice:\n  version: \"2026\n  effective: [\n");

        var result = copy.Load();

        var d = Assert.Single(result.Diagnostics);
        Assert.Equal("PL003", d.Code);
        Assert.True(d.Location.Line >= 3, d.ToString());
    }

    [Fact]
    public void Load_TopLevelList_ReportsPL006()
    {
        using var copy = PolicyCopy.Empty().Write("policy.yaml", "- a\n- b\n");

        var result = copy.Load();

        Assert.Contains(result.Diagnostics, d => d.Code == "PL006" && d.Message.Contains("mapping", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_TwoDocuments_ReportsPL003()
    {
        using var copy = PolicyCopy.Empty().Write("policy.yaml", "pledge: 1\n---\npledge: 1\n");

        var result = copy.Load();

        Assert.Contains(result.Diagnostics, d => d.Code == "PL003" && d.Message.Contains("include", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_DuplicateKey_ReportsPL003WithFirstLine()
    {
        using var copy = PolicyCopy.OfExample().Replace("policy.yaml", "pledge: 1\n", "pledge: 1\npledge: 1\n");

        var result = copy.Load();

        Assert.Contains(result.Diagnostics, d => d.Code == "PL003" && d.Message.Contains("duplicate key 'pledge'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_ConnectionStringInsteadOfEnvName_ReportsWithoutEchoingTheSecret()
    {
        using var copy = PolicyCopy.OfExample().Replace("data-map.yaml", "connection_env: PLEDGE_HR_DB", "connection_env: \"Host=db;Password=hunter2secret\"");

        var result = copy.Load();

        var d = Assert.Single(result.Diagnostics, d => d.Message.Contains("connection_env", StringComparison.Ordinal));
        Assert.DoesNotContain("hunter2secret", d.Message, StringComparison.Ordinal);
    }
}
