using System.Globalization;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Pledge.Audit;

namespace Pledge.Bench.Consent;

/// <summary>
/// The audit pseudonym of a subject seen for the first time (no cached entry: every id is new), as the ledger's
/// append path computes it once per event. Baseline: the one-shot HMACSHA256.HashData over the same message, which
/// sets the key up on every call. Compare Ratio.
/// </summary>
[MemoryDiagnoser]
public class PseudonymizerBenchmarks
{
    private const int Operations = 4096;

    private byte[] _key = null!;
    private Pseudonymizer _pseudonyms = null!;
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _key = RandomNumberGenerator.GetBytes(PseudonymKey.MinimumBytes);
        _pseudonyms = new Pseudonymizer(PseudonymKey.Parse(Convert.ToHexString(_key)).Key!);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public int OneShotHmac()
    {
        Span<byte> input = stackalloc byte[28];
        Span<byte> mac = stackalloc byte[32];
        var sum = 0;
        for (var i = 0; i < Operations; i++)
        {
            "subject\0"u8.CopyTo(input);
            (_next++).TryFormat(input[8..], out var written, default, CultureInfo.InvariantCulture);
            HMACSHA256.HashData(_key, input[..(8 + written)], mac);
            sum += mac[0];
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public int SubjectPseudonym()
    {
        var sum = 0;
        for (var i = 0; i < Operations; i++)
        {
            // Ids a table's length apart share a slot, so each call misses the table of recent subjects.
            _next += 4096;
            sum += _pseudonyms.Subject(_next).Value.Length;
        }

        return sum;
    }
}
