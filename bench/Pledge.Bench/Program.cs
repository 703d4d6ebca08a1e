using BenchmarkDotNet.Running;
using Pledge.Bench.Policy;

// `generate-policy DIR [ACTIVITIES] [FIELDS]` writes the large policy used by bench/policy-check.sh;
// anything else runs BenchmarkDotNet (e.g. --filter '*PolicyLoad*').
if (args is ["generate-policy", var dir, ..])
{
    var activities = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1_000;
    var fields = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 5_000;
    Console.WriteLine(LargePolicyGenerator.Write(dir, activities, fields));
    return 0;
}

// `locate --postgres CONN [--rows N] [--subjects K] [--explain FILE]` is the connectors' latency benchmark (bench/locate.sh).
if (args is ["locate", ..])
{
    return await Pledge.Bench.Connectors.LocateBenchmark.RunAsync(args);
}

// `erase --postgres CONN [--rows N] [--subjects K]` is the erasure latency benchmark (bench/erase.sh).
if (args is ["erase", ..])
{
    return await Pledge.Bench.Erasure.EraseBenchmark.RunAsync(args);
}

// `ledger-append --store S` and `consent-import --store S --baseline-store B` are the consent store benchmarks (bench/consent.sh).
if (args is ["ledger-append", ..])
{
    return await Pledge.Bench.Consent.LedgerAppendBenchmark.RunAsync(args);
}

if (args is ["consent-import", ..])
{
    return await Pledge.Bench.Consent.ConsentImportBenchmark.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
