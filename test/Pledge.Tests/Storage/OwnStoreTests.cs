using Pledge.Audit;
using Pledge.Storage;
using Pledge.Tests.Support;

namespace Pledge.Tests.Storage;

/// <summary>The own store's contract, run on both dialects.</summary>
public abstract class OwnStoreTests : StoreTests
{
    [Fact]
    public async Task OpenAsync_NewStore_AppliesEveryMigrationOnceAndAuditsIt()
    {
        var known = MigrationRunner.For(Store.Kind);

        Assert.Equal(known.Count, await ScalarAsync("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(known.Count, await ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'store.migrate'"));
    }

    [Fact]
    public async Task OpenAsync_Again_AppliesNothingNew()
    {
        await ReopenAsync();
        await ReopenAsync();

        Assert.Equal(MigrationRunner.For(Store.Kind).Count, await ScalarAsync("SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task OpenAsync_AppliedMigrationEdited_RefusesWithMigrationChanged()
    {
        await ExecuteRawAsync("UPDATE schema_migrations SET checksum = 'x' WHERE version = 1");

        var error = await Assert.ThrowsAsync<StoreException>(OpenStoreAsync);

        Assert.Equal(StoreErrorKind.MigrationChanged, error.Kind);
    }

    [Fact]
    public async Task OpenAsync_StoreFromNewerVersion_RefusesWithSchemaTooNew()
    {
        await ExecuteRawAsync("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (9999, 'future', 'x', 0)");

        var error = await Assert.ThrowsAsync<StoreException>(OpenStoreAsync);

        Assert.Equal(StoreErrorKind.SchemaTooNew, error.Kind);
        Assert.Contains("9999", error.Message);
    }

    [Fact]
    public async Task WriteAsync_WorkThrows_RollsBackStatementsAndAuditEntries()
    {
        var before = await ScalarAsync("SELECT count(*) FROM audit_log");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.WriteAsync(async (tx, ct) =>
        {
            using var insert = tx.Command("INSERT INTO store_meta (key, value) VALUES ('k', 'v')");
            await insert.ExecuteNonQueryAsync(ct);
            tx.Audit(new AuditEntry("test", "test.write", null, null));
            throw new InvalidOperationException("boom");
        }));

        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM store_meta WHERE key = 'k'"));
        Assert.Equal(before, await ScalarAsync("SELECT count(*) FROM audit_log"));
    }

    [Fact]
    public async Task WriteAsync_Commits_StatementsAndAuditEntriesTogether()
    {
        var before = await ScalarAsync("SELECT count(*) FROM audit_log");

        await Store.WriteAsync(async (tx, ct) =>
        {
            using var insert = tx.Command("INSERT INTO store_meta (key, value) VALUES ('k', 'v')");
            await insert.ExecuteNonQueryAsync(ct);
            tx.Audit(new AuditEntry("test", "test.write", new Pseudonym("s_1"), "one"));
            tx.Audit(new AuditEntry("test", "test.write", null, "two"));
        });

        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM store_meta WHERE key = 'k'"));
        Assert.Equal(before + 2, await ScalarAsync("SELECT count(*) FROM audit_log"));
        Assert.True((await AuditLog.VerifyAsync(Store)).Intact);
    }

    [Fact]
    public async Task WriteAsync_ManyConcurrentUnitsOfWork_KeepOneUnbrokenChain()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => AuditLog.AppendAsync(Store, new AuditEntry("test", "test.concurrent", null, i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        var verification = await AuditLog.VerifyAsync(Store);

        Assert.True(verification.Intact, verification.Message);
        Assert.Equal(40, await ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'test.concurrent'"));
    }
}

public sealed class SqliteOwnStoreTests : OwnStoreTests
{
    protected override Task<StoreLocation> NewLocationAsync() => Task.FromResult(SqliteStore.NewLocation());

    [Fact]
    public async Task OpenAsync_Sqlite_UsesWalAndFullSync()
    {
        Assert.Equal("wal", await Store.ReadAsync(async (s, ct) =>
        {
            using var command = s.Command("PRAGMA journal_mode");
            return (string)(await command.ExecuteScalarAsync(ct))!;
        }));
    }

    [Fact]
    public async Task OpenAsync_UnwritableFolder_ThrowsUnavailable()
    {
        var error = await Assert.ThrowsAsync<StoreException>(() => OwnStore.OpenAsync(StoreLocation.Sqlite("/proc/pledge/x.db")));

        Assert.Equal(StoreErrorKind.Unavailable, error.Kind);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresOwnStoreTests(PostgresServer server) : OwnStoreTests
{
    protected override Task<StoreLocation> NewLocationAsync() => PostgresStore.NewLocationAsync(server);

    [Fact]
    public async Task OpenAsync_Postgres_CommitsSynchronously()
    {
        Assert.Equal("on", await Store.ReadAsync(async (s, ct) =>
        {
            using var command = s.Command("SHOW synchronous_commit");
            return (string)(await command.ExecuteScalarAsync(ct))!;
        }));
    }

    [Fact]
    public async Task OpenAsync_NoServer_ThrowsUnavailableWithoutThePassword()
    {
        var location = StoreLocation.Parse($"postgres:Host=127.0.0.1;Port=1;Database=x;Username=u;Password=hunter2-secret;Timeout=2").Location!;

        var error = await Assert.ThrowsAsync<StoreException>(() => OwnStore.OpenAsync(location));

        Assert.Equal(StoreErrorKind.Unavailable, error.Kind);
        Assert.DoesNotContain("hunter2", error.Message);
    }
}
