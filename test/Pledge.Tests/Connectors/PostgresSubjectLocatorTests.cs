using System.Collections.Concurrent;
using Pledge.Connectors;
using Pledge.Policy.Model;
using Pledge.Tests.Support;

namespace Pledge.Tests.Connectors;

/// <summary>The search contract on PostgreSQL: the demo in schemas app, marketing and hr of a fresh database, seeded once per server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSubjectLocatorTests(PostgresServer server) : SubjectLocatorContract
{
    private static readonly ConcurrentDictionary<int, Lazy<Task<DemoDatabase>>> Databases = new();

    protected override ConnectorKind Kind => ConnectorKind.Postgres;

    protected override string FullScan => "Seq Scan";

    protected override Task<DemoDatabase> DatabaseAsync() =>
        Databases.GetOrAdd(server.Port, _ => new Lazy<Task<DemoDatabase>>(() => DemoDatabase.PostgresAsync(server, rows: 3_000, seed: 11))).Value;

    protected override async Task<Connector> EmptyDatabaseAsync(DataSystem system)
    {
        var connectionString = await server.CreateDatabaseAsync("cycle");
        return ConnectorFactory.Open(system, _ => connectionString).Connector!;
    }
}
