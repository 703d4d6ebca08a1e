using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Pledge.Redaction;
using Pledge.Redaction.Samples;

namespace Pledge.Bench;

/// <summary>
/// Redaction throughput on realistic logs (the labelled corpus generator's remote-desktop logs, chats and
/// tickets), all detectors on, against a plain copy of the same bytes (the floor) and a compiled-regex redactor
/// for e-mail and IPv4 only (what a hand-rolled log scrubber does). Compare Ratio and Alloc Ratio; MB/s is
/// input bytes over the mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
public partial class RedactionBenchmarks
{
    private const int Bytes = 16 << 20;

    private byte[] _log = [];
    private byte[] _copy = [];
    private Redactor _tags = null!;
    private Redactor _pseudonyms = null!;

    [GlobalSetup]
    public void Setup()
    {
        using var sample = new MemoryStream();
        SampleLog.WriteAsync(sample, Bytes).GetAwaiter().GetResult();
        _log = sample.ToArray();
        _copy = new byte[_log.Length];
        var known = SampleLog.KnownValuesFor();
        PseudonymKey.TryCreate("000102030405060708090a0b0c0d0e0f", "k1", out var key, out _);
        _tags = new Redactor(new RedactionOptions { KnownValues = known });
        _pseudonyms = new Redactor(new RedactionOptions { KnownValues = known, DefaultOperator = RedactionOperator.Pseudonym, Key = key });
    }

    [Benchmark(Baseline = true, Description = "copy (floor)")]
    public void Copy()
    {
        // What any filter must at least do: move every byte from input to output, 64 KiB at a time.
        for (var i = 0; i < _log.Length; i += 1 << 16)
        {
            var n = Math.Min(1 << 16, _log.Length - i);
            _log.AsSpan(i, n).CopyTo(_copy.AsSpan(i, n));
        }
    }

    [Benchmark(Description = "regex e-mail+IPv4")]
    public int RegexEmailAndIPv4()
    {
        var text = Encoding.UTF8.GetString(_log);
        var redacted = Email().Replace(text, "<EMAIL>");
        redacted = IPv4().Replace(redacted, "<IPV4>");
        return Encoding.UTF8.GetByteCount(redacted);
    }

    [Benchmark(Description = "pledge, all detectors, tag")]
    public long RedactTags() => _tags.RedactAsync(new MemoryStream(_log, writable: false), Stream.Null).GetAwaiter().GetResult().Total;

    [Benchmark(Description = "pledge, all detectors, pseudonym")]
    public long RedactPseudonyms() => _pseudonyms.RedactAsync(new MemoryStream(_log, writable: false), Stream.Null).GetAwaiter().GetResult().Total;

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"\b([0-9]{1,3}\.){3}[0-9]{1,3}\b", RegexOptions.CultureInvariant)]
    private static partial Regex IPv4();

    private sealed class Columns : ManualConfig
    {
        public Columns() => AddColumn(new Throughput());
    }

    /// <summary>Input megabytes (10^6 bytes) per second of mean time.</summary>
    private sealed class Throughput : IColumn
    {
        public string Id => nameof(Throughput);

        public string ColumnName => "MB/s";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => "Input MB (10^6 bytes) redacted per second";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is null ? "-" : (Bytes / 1e6 / (mean.Value / 1e9)).ToString("F0", CultureInfo.InvariantCulture);
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
