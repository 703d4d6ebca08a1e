using Pledge.Redaction;

namespace Pledge.Tests.Redaction.Corpus;

/// <summary>Precision and recall per type of detected values against planted labels; a match counts only when start, length and type agree.</summary>
internal sealed record CorpusScore(PiiType Type, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    public static IReadOnlyList<CorpusScore> Compute(IReadOnlyList<PiiMatch> labels, IReadOnlyList<PiiMatch> found)
    {
        var expected = labels.ToHashSet();
        var actual = found.ToHashSet();
        return [.. PiiTypes.All.Select(t => new CorpusScore(
            t,
            actual.Count(m => m.Type == t && expected.Contains(m)),
            actual.Count(m => m.Type == t && !expected.Contains(m)),
            expected.Count(m => m.Type == t && !actual.Contains(m))))];
    }

    public override string ToString() =>
        FormattableString.Invariant($"{PiiTypes.Tag(Type),-9} P={Precision:F4} R={Recall:F4} tp={TruePositives} fp={FalsePositives} fn={FalseNegatives}");
}
