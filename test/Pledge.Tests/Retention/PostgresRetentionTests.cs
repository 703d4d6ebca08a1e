using Pledge.Storage;
using Pledge.Tests.Connectors;
using Pledge.Tests.Support;

namespace Pledge.Tests.Retention;

/// <summary>The retention contract on PostgreSQL, with a PostgreSQL own store (leases taken by concurrent transactions).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRetentionTests(PostgresServer server) : RetentionContract
{
    protected override Task<DemoDatabase> SeedAsync(int seed = 5) => DemoDatabase.PostgresAsync(server, rows: 3_000, seed);

    protected override Task<StoreLocation> NewStoreAsync() => PostgresStore.NewLocationAsync(server);
}
