using Pledge.Cli;

namespace Pledge.Tests.Cli;

public sealed class OutputFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pledge-out-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void TryWrite_NewFile_WritesContent()
    {
        var path = Path.Combine(_dir, "a.txt");
        Assert.True(OutputFile.TryWrite(path, s => s.Write("hello"u8), out _));
        Assert.Equal("hello", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void TryWrite_WriterThrows_OldFileKeptAndNoTemporaryFileLeft()
    {
        var path = Path.Combine(_dir, "a.txt");
        File.WriteAllText(path, "old");
        Assert.Throws<InvalidOperationException>(() => OutputFile.TryWrite(path, s =>
        {
            s.Write("partial"u8);
            throw new InvalidOperationException("bug");
        }, out _));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_dir));
    }

    [Fact]
    public void TryValidate_Folder_False()
    {
        Assert.False(OutputFile.TryValidate(_dir, out var error));
        Assert.Contains("is a folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryValidate_MissingParent_False()
    {
        Assert.False(OutputFile.TryValidate(Path.Combine(_dir, "no", "a.txt"), out var error));
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }
}
