using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Pledge.Redaction;

namespace Pledge.Bench;

/// <summary>
/// The pseudonym operator's HMAC-SHA256 for new values: 1,024 messages of 8 to 40 bytes (a type tag and a
/// normalised value), one at a time through the platform's keyed <see cref="IncrementalHash"/> (the baseline, what
/// the operator did before) against eight at a time in 256-bit vectors (<see cref="HmacSha256x8"/>). Compare Ratio.
/// </summary>
[MemoryDiagnoser]
public class HmacBenchmarks
{
    private const int Messages = 1024;

    private readonly byte[] _bytes = new byte[Messages * 40];
    private readonly int[] _offsets = new int[Messages];
    private readonly int[] _lengths = new int[Messages];
    private readonly ulong[] _macs = new ulong[Messages];
    private readonly byte[] _mac = new byte[32];
    private IncrementalHash _platform = null!;
    private HmacSha256x8 _eightLanes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var key = new byte[32];
        random.NextBytes(key);
        random.NextBytes(_bytes);
        var offset = 0;
        for (var i = 0; i < Messages; i++)
        {
            _offsets[i] = offset;
            _lengths[i] = random.Next(8, 41);
            offset += _lengths[i];
        }

        _platform = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        _eightLanes = new HmacSha256x8(key);
    }

    [GlobalCleanup]
    public void Cleanup() => _platform.Dispose();

    [Benchmark(Baseline = true, Description = "platform HMAC, one at a time")]
    public byte Platform()
    {
        for (var i = 0; i < Messages; i++)
        {
            _platform.AppendData(_bytes.AsSpan(_offsets[i], _lengths[i]));
            _platform.GetHashAndReset(_mac);
        }

        return _mac[0];
    }

    [Benchmark(Description = "HmacSha256x8, eight at a time")]
    public ulong EightLanes()
    {
        for (var i = 0; i < Messages; i += HmacSha256x8.Lanes)
        {
            _eightLanes.Mac64(_bytes, _offsets.AsSpan(i, HmacSha256x8.Lanes), _lengths.AsSpan(i, HmacSha256x8.Lanes), _macs.AsSpan(i, HmacSha256x8.Lanes));
        }

        return _macs[0];
    }
}
