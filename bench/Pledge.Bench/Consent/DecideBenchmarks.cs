using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using Pledge.Consent;
using Pledge.Storage;

namespace Pledge.Bench.Consent;

/// <summary>
/// In-process decisions on a warm state: 1,024 subjects with mixed histories (consent, withdrawal, objections,
/// restriction, GPC) against every activity of the example policy. Baseline: looking up the same answers, precomputed,
/// in a frozen dictionary — the cheapest thing a decision API could do. Compare Ratio and Alloc Ratio.
/// </summary>
[MemoryDiagnoser]
public class DecideBenchmarks
{
    private const int Operations = 4096;

    private readonly DateTimeOffset _at = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private DecisionEngine _engine = null!;
    private SubjectState[] _states = null!;
    private int[] _subject = null!;
    private int[] _activity = null!;
    private FrozenDictionary<int, Decision> _answers = null!;

    [GlobalSetup]
    public void Setup()
    {
        var policy = BenchPolicy.Load();
        var versions = new PolicyVersionHistory([new PolicyVersionRecord(1, policy.Notice.Version, _at.AddYears(-1), null)]);
        _engine = DecisionEngine.Compile(policy, versions);
        var random = new Random(7);
        var ids = _engine.ActivityIds;
        _states = [.. Enumerable.Range(0, 1024).Select(s => _engine.StateFrom(Rows(s, random, ids, policy.Notice.Version)))];
        _subject = [.. Enumerable.Range(0, Operations).Select(_ => random.Next(_states.Length))];
        _activity = [.. Enumerable.Range(0, Operations).Select(_ => random.Next(ids.Length))];
        _answers = Enumerable.Range(0, Operations).Select(i => (Key: (_subject[i] * 64) + _activity[i], Decision: _engine.Decide(_states[_subject[i]], _activity[i], _at)))
            .DistinctBy(p => p.Key).ToFrozenDictionary(p => p.Key, p => p.Decision);
    }

    private IEnumerable<StateRow> Rows(int subject, Random random, IReadOnlyList<string> activities, string version)
    {
        long at(int days) => StoreTime.ToMicros(_at.AddDays(-days));
        for (var i = 0; i < random.Next(0, 6); i++)
        {
            yield return new StateRow(subject, StateFacet.Consent, activities[random.Next(activities.Count)], (short)random.Next(2), null, at(random.Next(1, 800)), i, version);
        }

        if (random.Next(10) == 0)
        {
            yield return new StateRow(subject, StateFacet.Objection, random.Next(2) == 0 ? StateRow.AllDirectMarketing : activities[random.Next(activities.Count)], 1, null, at(3), 10, version);
        }

        if (random.Next(20) == 0)
        {
            yield return new StateRow(subject, StateFacet.Restriction, "", 1, null, at(2), 11, version);
        }

        if (random.Next(10) == 0)
        {
            yield return new StateRow(subject, StateFacet.GlobalPrivacyControl, "", 1, null, at(5), 12, version);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public int PrecomputedLookup()
    {
        var allowed = 0;
        for (var i = 0; i < Operations; i++)
        {
            allowed += _answers[(_subject[i] * 64) + _activity[i]].Allowed ? 1 : 0;
        }

        return allowed;
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public int Decide()
    {
        var allowed = 0;
        for (var i = 0; i < Operations; i++)
        {
            allowed += _engine.Decide(_states[_subject[i]], _activity[i], _at).Allowed ? 1 : 0;
        }

        return allowed;
    }
}
