using Pledge.Storage;
using Pledge.Tests.Connectors;
using Pledge.Tests.Support;

namespace Pledge.Tests.Requests;

[Collection(PostgresCollection.Name)]
public sealed class PostgresRequestsTests(PostgresServer server) : RequestsContract
{
    protected override Task<StoreLocation> NewLocationAsync() => PostgresStore.NewLocationAsync(server, "requests");

    protected override Task<DemoDatabase> SeedAsync() => DemoDatabase.PostgresAsync(server, rows: 600, seed: 7);
}
