using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pledge.Access;
using Pledge.Server;
using Pledge.Server.Hosting;
using Pledge.Tests.Support;

namespace Pledge.Tests.Server;

/// <summary>
/// The real server on 127.0.0.1 and a free port, with a fresh SQLite store in a temporary folder, the example policy,
/// the demo site, the example vendor's demo databases (seeded, and connected through <c>Pledge:Connections</c>) and a
/// file outbox for e-mail; keys for each scope are created up front. Dispose to stop it and delete the folder.
/// </summary>
public sealed class RunningServer : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pledge-server-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    /// <summary>The server's pseudonym key, hex: a CLI given it makes links and tokens the server accepts.</summary>
    public static readonly string PseudonymKeyHex = Convert.ToHexString(new byte[32].Select((_, i) => (byte)(i + 7)).ToArray());

    public int PublicRequestsPerMinute { get; init; } = 100_000;

    /// <summary>The policy file served; the example unless set.</summary>
    public string PolicyFile { get; init; } = Repo.ExamplePolicy;

    /// <summary>The running app's services (its endpoints, options).</summary>
    public IServiceProvider Services => _app!.Services;
    /// <summary>More configuration, as <c>--Pledge:Key=value</c> arguments.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    public Uri BaseAddress { get; private set; } = null!;

    public PledgeSite Site { get; private set; } = null!;

    public string AdminKey { get; private set; } = "";

    public string DecideKey { get; private set; } = "";

    public string ConsentKey { get; private set; } = "";

    /// <summary>How many rows the demo databases are seeded with; 0 seeds none and configures no connections.</summary>
    public long DemoRows { get; init; } = 300;

    /// <summary>The folder of the demo databases (app.db, marketing.db, hr.db).</summary>
    public string Databases => Path.Combine(_folder, "databases");

    /// <summary>The own store, as <c>--store</c> of the CLI names it.</summary>
    public string Store => "sqlite:" + Path.Combine(_folder, "pledge.db");

    /// <summary>The folder e-mails are written to as .eml files.</summary>
    public string Outbox => Path.Combine(_folder, "outbox");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var connections = new List<string>();
        if (DemoRows > 0)
        {
            var seeded = await new Pledge.Demo.DemoSeeder(TimeProvider.System).SeedSqliteAsync(Databases, new Pledge.Demo.DemoOptions(DemoRows));
            Assert.True(seeded.Succeeded, seeded.Error);
            foreach (var system in Pledge.Policy.Loading.PolicyLoader.Load(Repo.ExamplePolicy).Policy!.Systems)
            {
                connections.Add($"--Pledge:Connections:{system.ConnectionEnv}=Data Source={Pledge.Demo.DemoSeeder.SqliteFileOf(Databases, system.Id)}");
            }
        }

        _app = await PledgeServer.BuildAsync(
        [
            .. connections,
            .. Arguments,
            "--Pledge:Mail:Outbox=" + Outbox,
            "--urls=http://127.0.0.1:0",
            "--Pledge:Policy=" + PolicyFile,
            "--Pledge:Store=sqlite:" + Path.Combine(_folder, "pledge.db"),
            "--Pledge:PseudonymKey=" + PseudonymKeyHex,
            "--Pledge:DemoSite=true",
            "--Pledge:PublicRequestsPerMinute=" + PublicRequestsPerMinute,
        ], builder => builder.Logging.ClearProviders());
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        Site = _app.Services.GetRequiredService<PledgeSite>();
        AdminKey = (await ApiKeys.CreateAsync(Site.Store, "test admin", [ApiScopes.Admin], "test")).Token;
        DecideKey = (await ApiKeys.CreateAsync(Site.Store, "test decide", [ApiScopes.Decide], "test")).Token;
        ConsentKey = (await ApiKeys.CreateAsync(Site.Store, "test consent", [ApiScopes.ConsentWrite], "test")).Token;
    }

    /// <summary>A client for the server; with <paramref name="key"/>, sending it as a bearer token. Cookies are not kept.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, object body) => client.PostAsJsonAsync(path, body);

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on a slow shutdown; the temporary folder is cleaned by the system later.
        }
    }
}
