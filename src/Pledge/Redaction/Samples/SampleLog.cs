using System.Globalization;

namespace Pledge.Redaction.Samples;

/// <summary>
/// A deterministic generator of realistic, labelled text for testing and measuring redaction: remote-desktop
/// server and viewer logs, support chats and tickets, with the personal data a remote-access vendor sees and the
/// look-alikes that must survive (timestamps, versions such as 10.0.19045.1, durations, GUIDs, hex ids, sizes,
/// ports, build numbers, dotted product names). The generator knows where it planted each value, so the labels do
/// not depend on the detectors they are used to judge. Same seed, same text, on every machine.
/// </summary>
public sealed class SampleLog
{
    private SampleLog(byte[] text, IReadOnlyList<PiiMatch> labels, IReadOnlyList<KnownValue> knownValues)
    {
        Text = text;
        Labels = labels;
        KnownValues = knownValues;
    }

    /// <summary>The UTF-8 text.</summary>
    public ReadOnlyMemory<byte> Text { get; }

    /// <summary>Every planted value: byte offset, length and type, in order.</summary>
    public IReadOnlyList<PiiMatch> Labels { get; }

    /// <summary>The people's full names, as a <c>--known-values</c> file would give them.</summary>
    public IReadOnlyList<KnownValue> KnownValues { get; }

    /// <summary>Generates <paramref name="lines"/> labelled lines from <paramref name="seed"/>.</summary>
    public static SampleLog Generate(int lines, int seed = 1)
    {
        var composer = new SampleLogComposer(seed, label: true);
        for (var i = 0; i < lines; i++)
        {
            composer.Line();
        }

        return new SampleLog(composer.Writer.Buffer.WrittenSpan.ToArray(), composer.Writer.Labels, composer.KnownValues);
    }

    /// <summary>The known values (full names) of the people in the sample of <paramref name="seed"/>.</summary>
    public static IReadOnlyList<KnownValue> KnownValuesFor(int seed = 1) => new SampleLogComposer(seed, label: false).KnownValues;

    /// <summary>Writes at least <paramref name="bytes"/> bytes of unlabelled sample text, whole lines, in constant memory.</summary>
    public static async Task WriteAsync(Stream output, long bytes, int seed = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var composer = new SampleLogComposer(seed, label: false);
        long written = 0;
        while (written < bytes)
        {
            while (composer.Writer.Buffer.WrittenCount < 1 << 16)
            {
                composer.Line();
            }

            written += composer.Writer.Buffer.WrittenCount;
            await output.WriteAsync(composer.Writer.Buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
            composer.Writer.Reset();
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The known values as lines of a <c>--known-values</c> file.</summary>
    public static string KnownValuesFile(IEnumerable<KnownValue> values) =>
        string.Concat(values.Select(v => string.Create(CultureInfo.InvariantCulture, $"{v.Value}\n")));
}
