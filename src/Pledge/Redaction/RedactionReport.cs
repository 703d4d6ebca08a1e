namespace Pledge.Redaction;

/// <summary>
/// What a redaction run found: counts per type and byte totals, never a value. Safe to log and to show.
/// </summary>
public sealed class RedactionReport
{
    internal RedactionReport(long[] counts, long bytesRead, long bytesWritten, long jsonLines = 0, long invalidJsonLines = 0)
    {
        Counts = PiiTypes.All.Where(t => counts[(int)t] > 0).ToDictionary(t => t, t => counts[(int)t]);
        BytesRead = bytesRead;
        BytesWritten = bytesWritten;
        JsonLines = jsonLines;
        InvalidJsonLines = invalidJsonLines;
    }

    /// <summary>How many values of each type were replaced; types never seen are absent.</summary>
    public IReadOnlyDictionary<PiiType, long> Counts { get; }

    /// <summary>All values replaced.</summary>
    public long Total => Counts.Values.Sum();

    /// <summary>Bytes of input read.</summary>
    public long BytesRead { get; }

    /// <summary>Bytes of output written.</summary>
    public long BytesWritten { get; }

    /// <summary>In JSON-lines mode, the lines read; 0 otherwise.</summary>
    public long JsonLines { get; }

    /// <summary>In JSON-lines mode, the lines that were not a JSON value and were redacted as plain text instead.</summary>
    public long InvalidJsonLines { get; }

    /// <summary>Adds two reports, e.g. of several files.</summary>
    public static RedactionReport Combine(RedactionReport a, RedactionReport b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var counts = new long[PiiTypes.All.Count];
        foreach (var report in new[] { a, b })
        {
            foreach (var (type, count) in report.Counts)
            {
                counts[(int)type] += count;
            }
        }

        return new RedactionReport(counts, a.BytesRead + b.BytesRead, a.BytesWritten + b.BytesWritten, a.JsonLines + b.JsonLines, a.InvalidJsonLines + b.InvalidJsonLines);
    }

    /// <summary>An empty report.</summary>
    public static RedactionReport Empty { get; } = new(new long[PiiTypes.All.Count], 0, 0);
}
