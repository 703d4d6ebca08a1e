using System.Text;
using Pledge.Redaction;
using Pledge.Redaction.Samples;
using Xunit.Abstractions;

namespace Pledge.Tests.Redaction.Corpus;

/// <summary>
/// Measures every detector against the labelled sample corpus (remote-desktop server and viewer logs, support
/// chats, tickets, with decoys) and holds each type to recall ≥ 0.99 and precision ≥ 0.98.
/// </summary>
public sealed class CorpusPrecisionRecall(ITestOutputHelper output)
{
    private const int Lines = 20_000;
    private const int Seed = 20240315;

    [Fact]
    public void Find_LabelledCorpus_MeetsPrecisionAndRecallPerType()
    {
        var sample = SampleLog.Generate(Lines, Seed);
        var redactor = new Redactor(new RedactionOptions { KnownValues = sample.KnownValues });

        var scores = CorpusScore.Compute(sample.Labels, redactor.Find(sample.Text.Span));

        foreach (var score in scores)
        {
            output.WriteLine(score.ToString());
        }

        var misses = Misses(sample, redactor.Find(sample.Text.Span));
        Assert.All(scores, s => Assert.True(s.TruePositives > 50, $"{s.Type}: too few planted values to measure ({s.TruePositives})"));
        Assert.All(scores, s => Assert.True(s.Recall >= 0.99, $"{s}\n{misses}"));
        Assert.All(scores, s => Assert.True(s.Precision >= 0.98, $"{s}\n{misses}"));
    }

    private static string Misses(SampleLog sample, IReadOnlyList<PiiMatch> found)
    {
        var text = sample.Text.Span;
        var expected = sample.Labels.ToHashSet();
        var actual = found.ToHashSet();
        var report = new StringBuilder();
        foreach (var m in sample.Labels.Where(l => !actual.Contains(l)).Take(10))
        {
            report.AppendLine(FormattableString.Invariant($"missed {m.Type}: '{Encoding.UTF8.GetString(text.Slice(m.Start, m.Length))}' in: {LineAround(text, m.Start)}"));
        }

        foreach (var m in found.Where(f => !expected.Contains(f)).Take(10))
        {
            report.AppendLine(FormattableString.Invariant($"false {m.Type}: '{Encoding.UTF8.GetString(text.Slice(m.Start, m.Length))}' in: {LineAround(text, m.Start)}"));
        }

        return report.ToString();
    }

    private static string LineAround(ReadOnlySpan<byte> text, int at)
    {
        var start = text[..at].LastIndexOf((byte)'\n') + 1;
        var length = text[start..].IndexOf((byte)'\n');
        return Encoding.UTF8.GetString(length < 0 ? text[start..] : text.Slice(start, length));
    }
}
