using Pledge.Access;
using Pledge.Storage;
using Pledge.Tests.Support;

namespace Pledge.Tests.Access;

/// <summary>The server's cache of verified API keys: fast for a known key, never for a wrong or revoked one beyond its promise.</summary>
public sealed class ApiKeyCacheTests : StoreTests
{
    protected override Task<StoreLocation> NewLocationAsync() => Task.FromResult(SqliteStore.NewLocation());

    [Fact]
    public async Task Verify_KeyRevokedElsewhere_WorksUntilTheLifetimeEndsThenNot()
    {
        var created = await ApiKeys.CreateAsync(Store, "crm", [ApiScopes.Decide], "test");
        var cache = new ApiKeyCache(Store, TimeSpan.FromSeconds(10));
        Assert.Equal(created.Info.Id, (await cache.VerifyAsync(created.Token))?.Id);

        await ApiKeys.RevokeAsync(Store, created.Info.Id, "cli:jo"); // as another instance or the CLI would
        Time.Advance(TimeSpan.FromSeconds(9));
        Assert.NotNull(await cache.VerifyAsync(created.Token));
        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await cache.VerifyAsync(created.Token));
    }

    [Fact]
    public async Task Verify_KeyForgottenOnRevoke_FailsAtOnce()
    {
        var created = await ApiKeys.CreateAsync(Store, "crm", [ApiScopes.Decide], "test");
        var cache = new ApiKeyCache(Store, TimeSpan.FromSeconds(10));
        await cache.VerifyAsync(created.Token);

        await ApiKeys.RevokeAsync(Store, created.Info.Id, "api:admin");
        cache.Forget(created.Info.Id);

        Assert.Null(await cache.VerifyAsync(created.Token));
    }

    [Fact]
    public async Task Verify_WrongSecretOfAKnownKey_IsRefused()
    {
        var created = await ApiKeys.CreateAsync(Store, "crm", [ApiScopes.Decide], "test");
        var cache = new ApiKeyCache(Store, TimeSpan.FromSeconds(10));
        await cache.VerifyAsync(created.Token);

        Assert.Null(await cache.VerifyAsync(created.Token[..^4] + "AAAA"));
        Assert.NotNull(await cache.VerifyAsync(created.Token));
    }
}
