using Pledge.Storage;
using Pledge.Tests.Connectors;
using Pledge.Tests.Support;

namespace Pledge.Tests.Retention;

/// <summary>The retention contract on SQLite files, with a SQLite own store.</summary>
public sealed class SqliteRetentionTests : RetentionContract
{
    protected override Task<DemoDatabase> SeedAsync(int seed = 5) => DemoDatabase.SqliteAsync(rows: 3_000, seed);

    protected override Task<StoreLocation> NewStoreAsync() => Task.FromResult(SqliteStore.NewLocation());
}
