using System.CommandLine;
using Pledge.Audit;
using Pledge.Consent;
using Pledge.Policy.Loading;
using Pledge.Storage;

namespace Pledge.Cli.Commands.Consent;

/// <summary>What a consent command works with: the store, the policy, the pseudonymizer and the ledger.</summary>
internal sealed class ConsentSession : IAsyncDisposable
{
    private ConsentSession(OwnStore store, Pledge.Policy.Model.Policy policy, Pseudonymizer pseudonyms, ConsentLedger ledger)
    {
        Store = store;
        Policy = policy;
        Pseudonyms = pseudonyms;
        Ledger = ledger;
    }

    public OwnStore Store { get; }

    public Pledge.Policy.Model.Policy Policy { get; }

    public Pseudonymizer Pseudonyms { get; }

    public ConsentLedger Ledger { get; }

    public DecisionEngine Engine() => DecisionEngine.Compile(Policy, Ledger.Versions);

    /// <summary>
    /// Opens everything a consent command needs. The first write to a store with no deployed version records the
    /// policy's version as the baseline; a write under a version the store has not deployed is refused with the
    /// command that deploys it.
    /// </summary>
    public static async Task<(ConsentSession? Session, int ExitCode)> OpenAsync(ParseResult parse, StoreOptions options, bool writes, CancellationToken cancellationToken)
    {
        var key = options.ResolveKey(parse);
        if (key is null)
        {
            return (null, ExitCodes.Configuration);
        }

        var loaded = PolicyLoader.Load(PolicyArgument.Resolve(parse.GetValue(options.Policy)));
        if (loaded.HasErrors)
        {
            foreach (var diagnostic in loaded.Diagnostics)
            {
                Console.Error.WriteLine(diagnostic.ToString());
            }

            return (null, Output.Fail(ExitCodes.PolicyErrors, "the policy has errors; run pledge check"));
        }

        var (store, code) = await options.OpenStoreAsync(parse, cancellationToken);
        if (store is null)
        {
            return (null, code);
        }

        try
        {
            var pseudonyms = await Pseudonymizer.ForStoreAsync(store, key, cancellationToken);
            var policy = loaded.Policy!;
            var ledger = await ConsentLedger.OpenAsync(store, policy, pseudonyms, cancellationToken);
            if (writes && ledger.Versions.Versions.IsEmpty)
            {
                await PolicyVersions.DeployAsync(store, policy.Notice.Version, null, CliActor.Current, cancellationToken);
                await ledger.RefreshVersionsAsync(cancellationToken);
                Output.Note($"recorded policy version {policy.Notice.Version} as this store's first deployed version");
            }

            return (new ConsentSession(store, policy, pseudonyms, ledger), ExitCodes.Ok);
        }
        catch (StoreException e)
        {
            await store.DisposeAsync();
            return (null, Output.Fail(ExitCodes.Configuration, e.Message));
        }
    }

    /// <summary>Parses a subject argument; prints why not.</summary>
    public static SubjectIdentifier? Subject(string? text, string? region)
    {
        var result = SubjectIdentifier.Parse(text, region);
        if (result.Identifier is null)
        {
            Output.Fail(ExitCodes.Usage, result.Error!);
        }

        return result.Identifier;
    }

    public async ValueTask DisposeAsync()
    {
        await Ledger.DisposeAsync();
        await Store.DisposeAsync();
    }
}

/// <summary>Who the command line acts as, for the evidence and the audit log.</summary>
internal static class CliActor
{
    public static string Current => "cli:" + Environment.UserName;
}
