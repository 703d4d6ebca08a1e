using Pledge.Tests.Support;

namespace Pledge.Tests.Notices;

/// <summary><c>pledge notice</c> run as a process, as a user runs it: exit codes, output, and never a stack trace.</summary>
public sealed class NoticeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pledge-notice-").FullName;

    [Fact]
    public void Notice_OutFile_WritesTheHtmlPageAndNoTemporaryFile()
    {
        var target = Path.Combine(_dir, "notice.html");
        File.WriteAllText(target, "old notice");

        var (code, stdout, _) = Run("notice", NoticePolicies.TestDataPath, "--out", target);

        Assert.Equal(0, code);
        Assert.Empty(stdout);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(target), StringComparison.Ordinal);
        Assert.Equal(["notice.html"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Notice_MarkdownInGerman_WritesToStandardOutput()
    {
        var (code, stdout, _) = Run("notice", NoticePolicies.TestDataPath, "--format", "md", "--lang", "de");

        Assert.Equal(0, code);
        Assert.StartsWith("# Datenschutzhinweise von Testfirma Fernzugriff GmbH", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Notice_OutIsAFolder_UsageErrorOnOneLine()
    {
        var (code, stdout, stderr) = Run("notice", NoticePolicies.TestDataPath, "--out", _dir);

        Assert.Equal(64, code);
        Assert.Empty(stdout);
        Assert.Equal($"pledge notice: '{_dir}' is a folder; give a file name to write to", stderr.TrimEnd());
    }

    [Fact]
    public void Notice_OutFolderMissing_UsageErrorNamingTheFolder()
    {
        var missing = Path.Combine(_dir, "no-such-folder");

        var (code, _, stderr) = Run("notice", NoticePolicies.TestDataPath, "--out", Path.Combine(missing, "notice.html"));

        Assert.Equal(64, code);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Contains($"folder '{missing}' does not exist", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void Notice_LanguageNotInPolicy_UsageErrorListingLanguages()
    {
        var (code, stdout, stderr) = Run("notice", NoticePolicies.TestDataPath, "--lang", "fr");

        Assert.Equal(64, code);
        Assert.Empty(stdout);
        Assert.Contains("available languages: en, de", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Notice_UnknownFormat_RefusedNamingTheChoices()
    {
        var (code, stdout, stderr) = Run("notice", NoticePolicies.TestDataPath, "--format", "pdf");

        Assert.NotEqual(0, code);
        Assert.DoesNotContain("<!DOCTYPE", stdout, StringComparison.Ordinal);
        Assert.Contains("'pdf'", stderr, StringComparison.Ordinal);
        Assert.Contains("'md'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Notice_PolicyWithErrors_PrintsDiagnosticsAndExitsOne()
    {
        var broken = Path.Combine(_dir, "policy.yaml");
        File.WriteAllText(broken, File.ReadAllText(NoticePolicies.TestDataPath).Replace("lawful_basis: consent", "lawful_basis: vibes", StringComparison.Ordinal));

        var (code, stdout, stderr) = Run("notice", broken);

        Assert.Equal(1, code);
        Assert.Empty(stdout);
        Assert.Contains(": error PL0", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Stdout, string Stderr) Run(params string[] args) => PledgeProcess.Run(args);
}
