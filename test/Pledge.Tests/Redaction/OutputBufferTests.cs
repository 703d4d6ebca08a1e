using Pledge.Redaction;

namespace Pledge.Tests.Redaction;

public sealed class OutputBufferTests
{
    [Fact]
    public void Append_PastCapacity_GrowsAndKeepsEveryByteInOrder()
    {
        var buffer = new OutputBuffer(256);
        var expected = new List<byte>();
        for (var i = 0; i < 1000; i++)
        {
            var chunk = Enumerable.Range(0, i % 37).Select(k => (byte)(i + k)).ToArray();
            buffer.Append(chunk);
            expected.AddRange(chunk);
        }

        Assert.Equal(expected.Count, buffer.WrittenCount);
        Assert.Equal(expected, buffer.WrittenSpan.ToArray());
    }

    [Fact]
    public void GetSpanAdvance_MixedWithAppend_WritesWhereTheLastWriteEnded()
    {
        var buffer = new OutputBuffer(256);
        buffer.Append("ab"u8);
        var span = buffer.GetSpan(1000);
        Assert.True(span.Length >= 1000);
        "cde"u8.CopyTo(span);
        buffer.Advance(3);
        buffer.Append("f"u8);

        Assert.Equal("abcdef"u8.ToArray(), buffer.WrittenSpan.ToArray());
        buffer.ResetWrittenCount();
        Assert.Equal(0, buffer.WrittenCount);
    }

    [Fact]
    public void Advance_PastWhatWasAskedFor_IsRefused()
    {
        var buffer = new OutputBuffer(256);
        var free = buffer.GetSpan().Length;

        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(free + 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.Advance(-1));
        Assert.Equal(0, buffer.WrittenCount);
    }
}
