using Pledge.Server.Hosting;

namespace Pledge.Server;

/// <summary>Builds the server: configuration from appsettings, environment and arguments (<c>--urls</c>, <c>--Pledge:Store=…</c>).</summary>
public static class PledgeServer
{
    public static async Task<WebApplication> BuildAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);
        await builder.AddPledgeServerAsync(cancellationToken);
        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(() => app.Services.GetRequiredService<PledgeSite>().DisposeAsync().AsTask().GetAwaiter().GetResult());
        return app.UsePledgeServer();
    }
}
