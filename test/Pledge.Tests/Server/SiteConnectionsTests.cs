namespace Pledge.Tests.Server;

/// <summary>The server reaches the organisation's databases through <c>Pledge:Connections</c>, never echoing a connection string.</summary>
public sealed class SiteConnectionsTests : IAsyncLifetime
{
    private readonly RunningServer _server = new();

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    [Fact]
    public async Task OpenRunner_ConfiguredConnections_OpensEverySystem()
    {
        await using var scope = _server.Site.OpenRunner();

        Assert.Empty(scope.Unavailable);
    }

    [Fact]
    public async Task OpenRunner_SystemWithoutConnection_IsNamedAndLeftOut()
    {
        var server = new RunningServer { DemoRows = 0 };
        await server.InitializeAsync();
        try
        {
            await using var scope = server.Site.OpenRunner();

            Assert.Equal(3, scope.Unavailable.Count);
            Assert.Contains(scope.Unavailable, m => m.Contains("PLEDGE_APP_DB", StringComparison.Ordinal));
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
