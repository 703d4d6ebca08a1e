using Pledge.Audit;
using Pledge.Connectors;
using Pledge.Consent;
using Pledge.Erasure;
using Pledge.Policy.Loading;
using Pledge.Requests;
using Pledge.Requests.Email;
using Pledge.Server.Banner;
using Pledge.Storage;

namespace Pledge.Server.Hosting;

/// <summary>
/// What every endpoint works with, opened once at start: the checked policy, the own store, the consent ledger, the
/// decision engine, the generated cookie banner, the request desk with its e-mail sender, and the connection strings of
/// the data map's systems. A policy with errors or an unreachable store stops the start.
/// </summary>
public sealed class PledgeSite : IAsyncDisposable
{
    private readonly IReadOnlyDictionary<string, string> _connections;

    private readonly SubjectStateCache? _cache;

    private PledgeSite(Policy.Model.Policy policy, OwnStore store, ConsentLedger ledger, DecisionEngine engine, SubjectStateCache? cache, CookieBanner banner, PseudonymKey key,
        EmailSender email, IReadOnlyDictionary<string, string> connections)
    {
        Policy = policy;
        Store = store;
        Ledger = ledger;
        Banner = banner;
        Key = key;
        Email = email;
        _connections = connections;
        _cache = cache;
        Decisions = new ConsentDecisions(store, engine, cache);
        Requests = new RequestDesk(store, policy, key, email);
    }

    public Policy.Model.Policy Policy { get; }

    public OwnStore Store { get; }

    public ConsentLedger Ledger { get; }

    public ConsentDecisions Decisions { get; }

    public CookieBanner Banner { get; }

    /// <summary>The key of the audit log's pseudonyms and of erasure's keyed hashes.</summary>
    public PseudonymKey Key { get; }

    /// <summary>Where one-time codes and notifications are sent: SMTP, or the file outbox.</summary>
    public EmailSender Email { get; }

    /// <summary>The request lifecycle: submit, verify, approve, extend, reject, list.</summary>
    public RequestDesk Requests { get; }

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

        var engine = DecisionEngine.Compile(policy, ledger.Versions);
        var cache = options.Decisions.CacheCapacity > 0
            ? await SubjectStateCache.OpenAsync(store, engine, options.Decisions.ToCacheOptions(), cancellationToken: cancellationToken)
            : null;
        return new PledgeSite(policy, store, ledger, engine, cache, CookieBanner.Generate(policy, time), key.Key, options.Mail.CreateSender(policy.Organisation.Controller.Email ?? "privacy@localhost.localdomain", time),
            new Dictionary<string, string>(options.Connections, StringComparer.Ordinal));
    }

    /// <summary>
    /// Opens a connector to every system of the data map, from <c>Pledge:Connections</c> or else the environment variable
    /// the system names, and a runner over them. Systems that cannot be opened are listed in
    /// <see cref="RequestRunnerScope.Unavailable"/> (with messages that never show a connection string) and left out.
    /// </summary>
    public RequestRunnerScope OpenRunner()
    {
        var (connectors, unavailable) = OpenConnectors();
        return new RequestRunnerScope(new RequestRunner(Requests, connectors, ErasureKey.From(Key), Ledger), connectors, unavailable);
    }

    /// <summary>
    /// Opens a connector to every system of the data map that can be opened (see <see cref="OpenRunner"/>), with why
    /// each other one was left out; the caller disposes the connectors.
    /// </summary>
    public (IReadOnlyList<Connector> Connectors, IReadOnlyList<string> Unavailable) OpenConnectors()
    {
        var connectors = new List<Connector>();
        var unavailable = new List<string>();
        foreach (var system in Policy.Systems)
        {
            var opened = ConnectorFactory.Open(system, name => _connections.TryGetValue(name, out var value) ? value : Environment.GetEnvironmentVariable(name));
            if (opened.Connector is null)
            {
                unavailable.Add(opened.Error!.Message);
                continue;
            }

            connectors.Add(opened.Connector);
        }

        return (connectors, unavailable);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cache is not null)
        {
            await _cache.DisposeAsync();
        }

        await Ledger.DisposeAsync();
        await Store.DisposeAsync();
    }
}

/// <summary>A request runner and the connectors it holds open; dispose it when the run is over.</summary>
public sealed class RequestRunnerScope(RequestRunner runner, IReadOnlyList<Connector> connectors, IReadOnlyList<string> unavailable) : IAsyncDisposable
{
    /// <summary>The runner over the systems that opened.</summary>
    public RequestRunner Runner { get; } = runner;

    /// <summary>The connectors of the systems that opened (retention plans and runs use them too).</summary>
    public IReadOnlyList<Connector> Connectors { get; } = connectors;

    /// <summary>Why each system that did not open was left out.</summary>
    public IReadOnlyList<string> Unavailable { get; } = unavailable;

    public async ValueTask DisposeAsync()
    {
        foreach (var connector in Connectors)
        {
            await connector.DisposeAsync();
        }
    }
}

/// <summary>The server cannot start as configured; the message says which setting and why.</summary>
public sealed class ServerStartException(string message) : Exception(message);
