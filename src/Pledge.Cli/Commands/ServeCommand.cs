using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Pledge.Access;
using Pledge.Audit;
using Pledge.Demo;
using Pledge.Policy.Loading;
using Pledge.Server;
using Pledge.Server.Hosting;
using Pledge.Storage;

namespace Pledge.Cli.Commands;

/// <summary>
/// <c>pledge serve</c>: the privacy centre, cookie banner and APIs. With no store configured it is the demo: the
/// example policy, a local SQLite store and demo databases in ./pledge-demo (or $PLEDGE_HOME), and a first API key.
/// Anything else is ASP.NET Core configuration: <c>--urls</c>, <c>--Pledge:PublicRequestsPerMinute=60</c>.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var policy = new Option<string?>("--policy") { Description = $"The policy file (default: ${PolicyArgument.EnvironmentVariable}, else the example vendor's policy)." };
        var store = new Option<string?>("--store") { Description = $"The own store: sqlite:PATH or postgres:Host=...;Database=... (default: ${StoreLocation.EnvironmentVariable}, else the demo store)." };
        var urls = new Option<string?>("--urls") { Description = $"Where to listen (default {ServerSetup.DefaultUrl})." };
        var command = new Command("serve", "Serve the privacy centre, the cookie banner and the HTTP APIs (the demo when no store is configured).")
        {
            policy, store, urls,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            // The URLs are printed below; framework chatter is kept to warnings unless the arguments say otherwise.
            var args = new List<string> { "--Logging:LogLevel:Microsoft.AspNetCore=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning" };
            args.AddRange(parse.UnmatchedTokens);
            var storeText = parse.GetValue(store) ?? Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable)
                ?? Environment.GetEnvironmentVariable("Pledge__Store");
            var demo = string.IsNullOrWhiteSpace(storeText);
            var home = Environment.GetEnvironmentVariable(StoreLocation.HomeVariable) is { Length: > 0 } h ? h : "pledge-demo";
            args.Add("--Pledge:Policy=" + PolicyArgument.Resolve(parse.GetValue(policy)));
            if (parse.GetValue(urls) is { } listen)
            {
                args.Add("--urls=" + listen);
            }

            if (demo)
            {
                Directory.CreateDirectory(home);
                storeText = "sqlite:" + Path.Combine(home, StoreLocation.DefaultFileName);
                args.Add("--Pledge:LocalKeyFile=" + Path.Combine(home, "pseudonym.key"));
                args.Add("--Pledge:DemoSite=true");
                args.Add("--Pledge:DataProtectionKeys=" + Path.Combine(home, "keys"));
                args.Add("--Logging:LogLevel:Microsoft.AspNetCore.DataProtection=Error"); // unencrypted keys are what a demo wants
                args.Add("--Pledge:Mail:Outbox=" + Path.Combine(home, "outbox"));
                var databases = await SeedDemoDatabasesAsync(home, cancellationToken);
                foreach (var system in PolicyLoader.Load(PolicyArgument.Resolve(parse.GetValue(policy))).Policy?.Systems ?? [])
                {
                    var file = DemoSeeder.SqliteFileOf(databases, system.Id);
                    if (system.Connector == Policy.Model.ConnectorKind.Sqlite && File.Exists(file) && Environment.GetEnvironmentVariable(system.ConnectionEnv) is null)
                    {
                        args.Add($"--Pledge:Connections:{system.ConnectionEnv}=Data Source={Path.GetFullPath(file)}");
                    }
                }
            }

            args.Add("--Pledge:Store=" + storeText);
            if (Environment.GetEnvironmentVariable(PseudonymKey.EnvironmentVariable) is { Length: > 0 } key)
            {
                args.Add("--Pledge:PseudonymKey=" + key);
            }

            WebApplication app;
            try
            {
                app = await PledgeServer.BuildAsync([.. args], cancellationToken: cancellationToken);
            }
            catch (ServerStartException e)
            {
                return Output.Fail(ExitCodes.Configuration, e.Message);
            }

            await app.StartAsync(cancellationToken);
            var site = app.Services.GetRequiredService<PledgeSite>();
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            var url = addresses.FirstOrDefault() ?? ServerSetup.DefaultUrl;
            Console.WriteLine($"Pledge serves {site.Policy.Organisation.Controller.Name}'s policy (version {site.Version}) from {site.Store.Location}");
            Console.WriteLine($"  privacy centre   {url}/");
            Console.WriteLine($"  cookie settings  {url}/cookies");
            Console.WriteLine($"  banner           <script src=\"{url}/banner.js\" defer></script> <link rel=\"stylesheet\" href=\"{url}/banner.css\">");
            Console.WriteLine($"  OpenAPI          {url}/openapi/v1.json");
            if (demo)
            {
                Console.WriteLine($"  demo website     {url}/demo/site");
                if ((await ApiKeys.ListAsync(site.Store, cancellationToken)).Count == 0)
                {
                    var created = await ApiKeys.CreateAsync(site.Store, "first admin key", ApiScopes.All, "cli:serve", cancellationToken);
                    Console.WriteLine($"  first API key    {created.Token}   (all scopes; shown once; more with: pledge apikey create)");
                    Console.WriteLine($"  try it           curl -s -H 'Authorization: Bearer {created.Token}' -H 'Content-Type: application/json' "
                        + $"-d '{{\"subject\":\"email:ada@example.com\",\"activity\":\"website-analytics\"}}' {url}/api/v1/decide");
                }

                if ((await StaffAccounts.ListAsync(site.Store, cancellationToken)).Count == 0)
                {
                    var password = StaffPasswords.Generate();
                    await StaffAccounts.AddAsync(site.Store, "admin", password, StaffRole.Admin, "cli:serve", cancellationToken);
                    Console.WriteLine($"  admin console    {url}/admin   user admin, password {password}   (shown once; more with: pledge admin add)");
                }
            }

            Console.WriteLine("Press Ctrl+C to stop.");
            await app.WaitForShutdownAsync(cancellationToken);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Seeds the example vendor's databases into HOME/databases on first use; returns the folder.</summary>
    private static async Task<string> SeedDemoDatabasesAsync(string home, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(home, "databases");
        if (Directory.Exists(folder))
        {
            return folder;
        }

        var result = await new DemoSeeder(TimeProvider.System).SeedSqliteAsync(folder, new DemoOptions(2_000), cancellationToken);
        if (result.Error is null)
        {
            Output.Note($"seeded the example vendor's demo databases in {folder}");
        }

        return folder;
    }
}
