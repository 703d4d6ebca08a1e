using Pledge.Policy.Model;
using Pledge.Tests.Support;

namespace Pledge.Tests.Requests;

/// <summary>The request walk-through through the CLI on the demo seeded into PostgreSQL (schemas app, marketing, hr).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRequestCliTests(PostgresServer server) : RequestCliContract
{
    private readonly PolicyCopy _policy = PolicyCopy.OfExample()
        .Replace("data-map.yaml", "connector: sqlite", "connector: postgres")
        .Replace("data-map.yaml", "connector: sqlite", "connector: postgres")
        .Replace("data-map.yaml", "connector: sqlite", "connector: postgres");

    protected override ConnectorKind Kind => ConnectorKind.Postgres;

    protected override string PolicyPath => _policy.Root;

    protected override async Task<string[]> SeedArgumentsAsync() => ["--postgres", await server.CreateDatabaseAsync("requestcli")];

    public override async Task DisposeAsync()
    {
        _policy.Dispose();
        await base.DisposeAsync();
    }
}
