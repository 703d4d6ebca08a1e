using System.Buffers;
using System.Text;

namespace Pledge.Redaction.Samples;

/// <summary>Appends UTF-8 text and remembers, when asked, where each planted value went.</summary>
internal sealed class SampleWriter(bool label)
{
    private readonly List<PiiMatch> _labels = [];

    public ArrayBufferWriter<byte> Buffer { get; } = new(1 << 16);

    public IReadOnlyList<PiiMatch> Labels => _labels;

    /// <summary>Bytes written before the buffer was last emptied, so labels stay offsets into the whole text.</summary>
    public long Flushed { get; private set; }

    public SampleWriter Text(string text)
    {
        var span = Buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        Buffer.Advance(Encoding.UTF8.GetBytes(text, span));
        return this;
    }

    /// <summary>Writes a value of personal data and labels it with its type.</summary>
    public SampleWriter Pii(PiiType type, string value)
    {
        var start = Flushed + Buffer.WrittenCount;
        Text(value);
        if (label)
        {
            _labels.Add(new PiiMatch(checked((int)start), checked((int)(Flushed + Buffer.WrittenCount - start)), type));
        }

        return this;
    }

    public void Line() => Text("\n");

    public void Reset()
    {
        Flushed += Buffer.WrittenCount;
        Buffer.ResetWrittenCount();
    }
}
