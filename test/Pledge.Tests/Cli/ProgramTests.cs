using Pledge.Tests.Support;

namespace Pledge.Tests.Cli;

/// <summary>Exit codes and error output of the pledge command as a whole, run as a real process.</summary>
public sealed class ProgramTests
{
    [Theory]
    [InlineData("notice", "--format", "pdf")]
    [InlineData("records", "--format", "xml")]
    [InlineData("frobnicate")]
    [InlineData("check", "a.yaml", "b.yaml")]
    public void Run_UsageError_Exits64WithOneLineAndNoTrace(params string[] args)
    {
        var (code, stdout, stderr) = PledgeProcess.Run(args);

        Assert.Equal(64, code);
        Assert.Empty(stdout);
        Assert.StartsWith("pledge: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_Example_Exits0()
    {
        var (code, _, stderr) = PledgeProcess.Run("check");

        Assert.Equal(0, code);
        Assert.StartsWith("OK: 8 files, 18 activities", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BinaryFile_Exits1WithOneDiagnostic()
    {
        var path = Path.Combine(Path.GetTempPath(), "pledge-binary-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllBytes(path, [0, 1, 2, 3, 0xFF]);
        try
        {
            var (code, stdout, stderr) = PledgeProcess.Run("check", path);

            Assert.Equal(1, code);
            Assert.Contains("error PL001: file is binary", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
