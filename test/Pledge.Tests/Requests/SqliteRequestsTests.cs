using Pledge.Storage;
using Pledge.Tests.Connectors;
using Pledge.Tests.Support;

namespace Pledge.Tests.Requests;

public sealed class SqliteRequestsTests : RequestsContract
{
    protected override Task<StoreLocation> NewLocationAsync() => Task.FromResult(SqliteStore.NewLocation());

    protected override Task<DemoDatabase> SeedAsync() => DemoDatabase.SqliteAsync(rows: 600, seed: 7);
}
