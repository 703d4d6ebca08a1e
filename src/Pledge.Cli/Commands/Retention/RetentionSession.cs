using System.CommandLine;
using Pledge.Cli.Commands.Consent;
using Pledge.Connectors;
using Pledge.Erasure;
using Pledge.Policy.Loading;
using Pledge.Storage;

namespace Pledge.Cli.Commands.Retention;

/// <summary>What a retention command works with: the policy, the own store and a connector per system of the data map.</summary>
internal sealed class RetentionSession : IAsyncDisposable
{
    private RetentionSession(Pledge.Policy.Model.Policy policy, OwnStore store, List<Connector> connectors)
    {
        Policy = policy;
        Store = store;
        Connectors = connectors;
    }

    public Pledge.Policy.Model.Policy Policy { get; }

    public OwnStore Store { get; }

    public List<Connector> Connectors { get; }

    /// <summary>Opens the policy, the store and the systems' connectors; prints why not and gives the exit code.</summary>
    public static async Task<(RetentionSession? Session, int ExitCode)> OpenAsync(ParseResult parse, StoreOptions options, CancellationToken cancellationToken)
    {
        var loaded = PolicyLoader.Load(PolicyArgument.Resolve(parse.GetValue(options.Policy)));
        if (loaded.HasErrors)
        {
            foreach (var diagnostic in loaded.Diagnostics)
            {
                Console.Error.WriteLine(diagnostic.ToString());
            }

            return (null, Output.Fail(ExitCodes.PolicyErrors, "the policy has errors; run pledge check"));
        }

        var connectors = new List<Connector>();
        foreach (var system in loaded.Policy!.Systems.Where(s => loaded.Policy.Retention.Any(r => r.System == s.Id && r.IsEnforced)))
        {
            var opened = ConnectorFactory.Open(system);
            if (opened.Connector is null)
            {
                foreach (var connector in connectors)
                {
                    await connector.DisposeAsync();
                }

                return (null, Output.Fail(ExitCodes.Configuration, opened.Error!.Message));
            }

            connectors.Add(opened.Connector);
        }

        var (store, code) = await options.OpenStoreAsync(parse, cancellationToken);
        return store is null ? (null, code) : (new RetentionSession(loaded.Policy, store, connectors), ExitCodes.Ok);
    }

    /// <summary>The erasure key for anonymise rules, from the pseudonym key; null (after printing why) when it cannot be had.</summary>
    public static ErasureKey? Key(ParseResult parse, StoreOptions options) => options.ResolveKey(parse) is { } key ? ErasureKey.From(key) : null;

    public async ValueTask DisposeAsync()
    {
        foreach (var connector in Connectors)
        {
            await connector.DisposeAsync();
        }

        await Store.DisposeAsync();
    }
}
