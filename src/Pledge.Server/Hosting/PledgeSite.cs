using Pledge.Audit;
using Pledge.Consent;
using Pledge.Policy.Loading;
using Pledge.Server.Banner;
using Pledge.Storage;

namespace Pledge.Server.Hosting;

/// <summary>
/// What every endpoint works with, opened once at start: the checked policy, the own store, the consent ledger, the
/// decision engine and the generated cookie banner. A policy with errors or an unreachable store stops the start.
/// </summary>
public sealed class PledgeSite : IAsyncDisposable
{
    private PledgeSite(Policy.Model.Policy policy, OwnStore store, ConsentLedger ledger, CookieBanner banner)
    {
        Policy = policy;
        Store = store;
        Ledger = ledger;
        Banner = banner;
        Decisions = new ConsentDecisions(store, DecisionEngine.Compile(policy, ledger.Versions));
    }

    public Policy.Model.Policy Policy { get; }

    public OwnStore Store { get; }

    public ConsentLedger Ledger { get; }

    public ConsentDecisions Decisions { get; }

    public CookieBanner Banner { get; }

    /// <summary>The policy version new evidence is recorded under.</summary>
    public string Version => Policy.Notice.Version;

    /// <summary>
    /// Opens the site. A store with no deployed version gets the policy's version as its baseline; a store that has
    /// versions but not this one is refused, since deploying a new version is a decision (<c>pledge consent deploy</c>).
    /// </summary>
    public static async Task<PledgeSite> OpenAsync(ServerOptions options, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var loaded = PolicyLoader.Load(options.Policy);
        if (loaded.HasErrors)
        {
            throw new ServerStartException($"the policy {options.Policy} has errors; run pledge check:{Environment.NewLine}"
                + string.Join(Environment.NewLine, loaded.Diagnostics.Select(d => d.ToString())));
        }

        var key = PseudonymKey.Resolve(options.PseudonymKey, !string.IsNullOrWhiteSpace(options.LocalKeyFile), options.LocalKeyFile ?? "");
        if (key.Key is null)
        {
            throw new ServerStartException("Pledge:PseudonymKey: " + key.Error);
        }

        var location = StoreLocation.Parse(options.Store);
        if (location.Location is null)
        {
            throw new ServerStartException("Pledge:Store: " + location.Error);
        }

        OwnStore store;
        try
        {
            store = await OwnStore.OpenAsync(location.Location, new OwnStoreOptions { Time = time, LoggerFactory = loggers }, cancellationToken);
        }
        catch (StoreException e)
        {
            throw new ServerStartException("Pledge:Store: " + e.Message);
        }

        var policy = loaded.Policy!;
        var pseudonyms = await Pseudonymizer.ForStoreAsync(store, key.Key, cancellationToken);
        var ledger = await ConsentLedger.OpenAsync(store, policy, pseudonyms, cancellationToken);
        if (ledger.Versions.Versions.IsEmpty)
        {
            await PolicyVersions.DeployAsync(store, policy.Notice.Version, null, "server", cancellationToken);
            await ledger.RefreshVersionsAsync(cancellationToken);
        }
        else if (!ledger.Versions.Contains(policy.Notice.Version))
        {
            await ledger.DisposeAsync();
            await store.DisposeAsync();
            throw new ServerStartException($"policy version {policy.Notice.Version} is not deployed in {location.Location}; "
                + $"run: pledge consent deploy --store \"{options.Store}\" --policy \"{options.Policy}\"");
        }

        return new PledgeSite(policy, store, ledger, CookieBanner.Generate(policy, time));
    }

    public async ValueTask DisposeAsync()
    {
        await Ledger.DisposeAsync();
        await Store.DisposeAsync();
    }
}

/// <summary>The server cannot start as configured; the message says which setting and why.</summary>
public sealed class ServerStartException(string message) : Exception(message);
