using System.Text;
using Pledge.Redaction;
using Pledge.Redaction.Samples;

namespace Pledge.Tests.Redaction;

public sealed class RedactorStreamTests
{
    private static readonly Redactor Redactor = new(new RedactionOptions { KnownValues = SampleLog.KnownValuesFor(7) });

    [Theory]
    [InlineData(2 * 1024, 1)]
    [InlineData(2 * 1024, 7)]
    [InlineData(3 * 1024, 1000)]
    [InlineData(64 * 1024, 4096)]
    public async Task RedactAsync_AnyBufferAndReadSize_SameAsOnePass(int bufferSize, int readSize)
    {
        var text = SampleLog.Generate(2000, 7).Text.ToArray();
        var expected = OnePass(text);

        var actual = await StreamAsync(text, bufferSize, readSize);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(RedactionOperator.Tag, RedactionOperator.Mask)]
    [InlineData(RedactionOperator.Partial, RedactionOperator.Remove)]
    [InlineData(RedactionOperator.Mask, RedactionOperator.Partial)]
    public async Task RedactAsync_MixedOperators_SameAsOnePass(RedactionOperator byDefault, RedactionOperator forEmailAndCards)
    {
        // Tags are appended whole, the other operators format into the buffer; values split across reads must
        // still come out as the one-pass path writes them, whatever the operator of each type.
        var redactor = new Redactor(new RedactionOptions
        {
            KnownValues = SampleLog.KnownValuesFor(7),
            DefaultOperator = byDefault,
            Operators = new Dictionary<PiiType, RedactionOperator> { [PiiType.Email] = forEmailAndCards, [PiiType.Card] = forEmailAndCards },
        });
        var text = SampleLog.Generate(2000, 7).Text.ToArray();
        var expected = new System.Buffers.ArrayBufferWriter<byte>();
        redactor.Redact(text, expected);
        using var actual = new MemoryStream();

        await redactor.RedactAsync(new TrickleStream(text, 1000), actual, 3 * 1024, CancellationToken.None);

        Assert.Equal(expected.WrittenSpan.ToArray(), actual.ToArray());
        Assert.NotEqual(text, actual.ToArray());
    }

    [Fact]
    public async Task RedactAsync_VeryLongLine_FindsValuesThroughoutInBoundedBuffer()
    {
        var line = string.Concat(Enumerable.Range(0, 20_000).Select(i => i % 100 == 0 ? "anna@example.com " : "abcdefghij "));
        var text = Encoding.UTF8.GetBytes(line + "\n");

        var actual = Encoding.UTF8.GetString(await StreamAsync(text, 2048, 4096));

        Assert.Equal(200, CountOf(actual, "<EMAIL>"));
        Assert.DoesNotContain("anna@", actual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedactAsync_LongRunWithoutDelimiters_PassesThrough()
    {
        var text = Encoding.ASCII.GetBytes(new string('a', 100_000) + "." + new string('7', 50_000) + " x@example.com");

        var actual = await StreamAsync(text, 2048, 65536);

        Assert.Equal(Encoding.ASCII.GetBytes(new string('a', 100_000) + "." + new string('7', 50_000) + " <EMAIL>"), actual);
    }

    [Fact]
    public async Task RedactAsync_Report_CountsBytesAndTypes()
    {
        var text = "a@example.com 10.0.0.1\n"u8.ToArray();
        using var output = new MemoryStream();

        var report = await Redactor.RedactAsync(new MemoryStream(text), output);

        Assert.Equal(text.Length, report.BytesRead);
        Assert.Equal(output.Length, report.BytesWritten);
        Assert.Equal(1, report.Counts[PiiType.Email]);
        Assert.Equal(1, report.Counts[PiiType.IPv4]);
    }

    [Fact]
    public async Task RedactAsync_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Redactor.RedactAsync(new MemoryStream(new byte[10]), Stream.Null, cancelled.Token));
    }

    internal static byte[] OnePass(byte[] text)
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        Redactor.Redact(text, output);
        return output.WrittenSpan.ToArray();
    }

    internal static async Task<byte[]> StreamAsync(byte[] text, int bufferSize, int readSize)
    {
        using var output = new MemoryStream();
        await Redactor.RedactAsync(new TrickleStream(text, readSize), output, bufferSize, CancellationToken.None);
        return output.ToArray();
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}

/// <summary>A read-only stream that returns at most a given number of bytes per read, as a pipe does.</summary>
internal sealed class TrickleStream(byte[] data, int maxRead) : MemoryStream(data, writable: false)
{
    public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, maxRead));

    public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, maxRead)]);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        base.ReadAsync(buffer[..Math.Min(buffer.Length, maxRead)], cancellationToken);
}
