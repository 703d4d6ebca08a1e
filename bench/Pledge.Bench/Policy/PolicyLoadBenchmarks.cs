using BenchmarkDotNet.Attributes;
using Pledge.Policy.Loading;
using YamlDotNet.RepresentationModel;

namespace Pledge.Bench.Policy;

/// <summary>
/// Load + check of a 1,000-activity, 5,000-field policy, against the baseline of only parsing the same files
/// with YamlDotNet's representation model: the ratio is what binding and every check cost on top of YAML.
/// </summary>
[MemoryDiagnoser]
public class PolicyLoadBenchmarks
{
    private string _dir = "";
    private string _root = "";
    private string[] _files = [];

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "pledge-bench-policy");
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }

        _root = LargePolicyGenerator.Write(_dir);
        _files = Directory.GetFiles(_dir, "*.yaml", SearchOption.AllDirectories);
    }

    [Benchmark(Baseline = true)]
    public int ParseYamlOnly()
    {
        var nodes = 0;
        foreach (var file in _files)
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            nodes += stream.Documents.Count;
        }

        return nodes;
    }

    [Benchmark]
    public int LoadAndCheck()
    {
        var result = PolicyLoader.Load(_root);
        if (result.HasErrors)
        {
            throw new InvalidOperationException("generated policy has errors: " + result.Diagnostics[0]);
        }

        return result.Policy!.Activities.Length;
    }
}
