using Microsoft.Extensions.Time.Testing;
using Pledge.Storage;

namespace Pledge.Tests.Support;

/// <summary>
/// Base of the tests that run against both stores: each test class derives twice, once per dialect (see
/// <see cref="SqliteStore"/> and <see cref="PostgresStore"/>), so the same assertions hold on SQLite and PostgreSQL.
/// </summary>
public abstract class StoreTests : IAsyncLifetime
{
    private OwnStore? _store;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    protected StoreLocation Location { get; private set; } = null!;

    protected OwnStore Store => _store ?? throw new InvalidOperationException("not initialised");

    protected abstract Task<StoreLocation> NewLocationAsync();

    public async Task InitializeAsync()
    {
        Location = await NewLocationAsync();
        _store = await OpenStoreAsync();
        await OnInitializedAsync();
    }

    protected virtual Task OnInitializedAsync() => Task.CompletedTask;

    protected Task<OwnStore> OpenStoreAsync() => OwnStore.OpenAsync(Location, new OwnStoreOptions { Time = Time });

    /// <summary>Closes the store and opens it again, as a restart would.</summary>
    protected async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        _store = await OpenStoreAsync();
        await OnInitializedAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (Location?.Kind == StoreKind.Sqlite)
        {
            SqliteStore.Delete(Location.Target);
        }
    }

    /// <summary>Runs raw SQL on the store outside Pledge, as someone with database access could.</summary>
    protected Task ExecuteRawAsync(string sql) => Store.ReadAsync(async (session, ct) =>
    {
        using var command = session.Command(sql);
        return await command.ExecuteNonQueryAsync(ct);
    });

    protected Task<long> ScalarAsync(string sql) => Store.ReadAsync(async (session, ct) =>
    {
        using var command = session.Command(sql);
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? 0L : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    });
}

/// <summary>Fresh SQLite store files for tests.</summary>
public static class SqliteStore
{
    public static StoreLocation NewLocation() =>
        StoreLocation.Sqlite(Path.Combine(Path.GetTempPath(), "pledge-store-" + Guid.NewGuid().ToString("N") + ".db"));

    public static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>Fresh PostgreSQL databases on the throw-away server for tests.</summary>
public static class PostgresStore
{
    public static async Task<StoreLocation> NewLocationAsync(PostgresServer server, string prefix = "store")
    {
        var result = StoreLocation.Parse("postgres:" + await server.CreateDatabaseAsync(prefix));
        return result.Location ?? throw new InvalidOperationException(result.Error);
    }
}
