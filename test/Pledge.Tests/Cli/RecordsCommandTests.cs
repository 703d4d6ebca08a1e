using System.Text.Json;
using Pledge.Cli;
using Pledge.Cli.Commands;
using Pledge.Tests.Records;
using Pledge.Tests.TestData;

namespace Pledge.Tests.Cli;

public sealed class RecordsCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pledge-records-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Run_Default_PrintsCsvWithoutByteOrderMark()
    {
        var run = CommandRun.Of(RecordsCommand.Create(), PolicyFiles.Minimal);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.StartsWith("Activity id,", run.Output, StringComparison.Ordinal);
        Assert.Equal(4, Csv.Parse(run.Output).Count);
    }

    [Fact]
    public void Run_FormatJson_PrintsJson()
    {
        var run = CommandRun.Of(RecordsCommand.Create(), PolicyFiles.Minimal, "--format", "json");
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Output);
        Assert.Equal(3, doc.RootElement.GetProperty("activities").GetArrayLength());
    }

    [Fact]
    public void Run_OutFile_WritesCsvWithByteOrderMarkAndNoTemporaryFile()
    {
        var path = Path.Combine(_dir, "record.csv");
        File.WriteAllText(path, "old");
        var run = CommandRun.Of(RecordsCommand.Create(), PolicyFiles.Minimal, "--out", path);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal(CommandRun.Of(RecordsCommand.Create(), PolicyFiles.Minimal).Output, System.Text.Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal([path], Directory.GetFiles(_dir));
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Run_OutFileJson_WritesJsonWithoutByteOrderMark()
    {
        var path = Path.Combine(_dir, "record.json");
        var run = CommandRun.Of(RecordsCommand.Create(), PolicyFiles.Minimal, "--format", "json", "--out", path);
        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal((byte)'{', File.ReadAllBytes(path)[0]);
    }

    [Fact]
    public void Run_OutIsFolder_ExitsUsageWithOneLineAndWritesNothing()
    {
        var run = CommandRun.Of(RecordsCommand.Create(), PolicyFiles.Minimal, "--out", _dir);
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Single(run.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains("is a folder", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Run_OutFolderMissing_ExitsUsage()
    {
        var run = CommandRun.Of(RecordsCommand.Create(), PolicyFiles.Minimal, "--out", Path.Combine(_dir, "missing", "record.csv"));
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public void Run_OutUnderAFile_ExitsUsage()
    {
        var file = Path.Combine(_dir, "file");
        File.WriteAllText(file, "x");
        var run = CommandRun.Of(RecordsCommand.Create(), PolicyFiles.Minimal, "--out", Path.Combine(file, "record.csv"));
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("is a file, not a folder", run.Error, StringComparison.Ordinal);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void Run_PolicyWithErrors_PrintsDiagnosticsAndExitsPolicyErrors()
    {
        var policy = Path.Combine(_dir, "policy.yaml");
        File.WriteAllText(policy, "pledge: 1\nnotice: { version: '1' }\n");
        var run = CommandRun.Of(RecordsCommand.Create(), policy);
        Assert.Equal(ExitCodes.PolicyErrors, run.ExitCode);
        Assert.Contains("error PL", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_LanguageNotOfThePolicy_ExitsUsage()
    {
        var run = CommandRun.Of(RecordsCommand.Create(), PolicyFiles.Minimal, "--language", "fr");
        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("en, de", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownFormat_Fails()
    {
        Assert.NotEqual(ExitCodes.Ok, CommandRun.Of(RecordsCommand.Create(), PolicyFiles.Minimal, "--format", "xml").ExitCode);
    }
}
