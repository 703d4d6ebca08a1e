using Pledge.Redaction;
using Pledge.Redaction.Samples;

namespace Pledge.Tests.Redaction.Samples;

public sealed class SampleLogTests
{
    [Fact]
    public void Generate_SameSeed_SameTextAndLabels()
    {
        var a = SampleLog.Generate(500, 3);
        var b = SampleLog.Generate(500, 3);

        Assert.True(a.Text.Span.SequenceEqual(b.Text.Span));
        Assert.Equal(a.Labels, b.Labels);
        Assert.False(a.Text.Span.SequenceEqual(SampleLog.Generate(500, 4).Text.Span));
    }

    [Fact]
    public void Generate_Labels_InOrderWithoutOverlapInsideOneLine()
    {
        var sample = SampleLog.Generate(2000, 5);
        var text = sample.Text.ToArray();

        Assert.All(sample.Labels.Zip(sample.Labels.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start));
        Assert.All(sample.Labels, label => Assert.True(label.Length > 0 && Array.IndexOf(text, (byte)'\n', label.Start, label.Length) < 0));
        Assert.All(PiiTypes.All, type => Assert.Contains(sample.Labels, l => l.Type == type));
    }

    [Fact]
    public async Task WriteAsync_Size_WholeLinesAtLeastThatLong()
    {
        using var output = new MemoryStream();

        await SampleLog.WriteAsync(output, 100_000, seed: 1);

        Assert.InRange(output.Length, 100_000, 100_000 + (1 << 17));
        Assert.Equal((byte)'\n', output.ToArray()[^1]);
    }
}
