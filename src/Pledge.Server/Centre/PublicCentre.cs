using Pledge.Server.Hosting;

namespace Pledge.Server.Centre;

/// <summary>The public centre's requests, preferences and unsubscribe pages: rate limited, CSRF-checked forms.</summary>
public static class PublicCentre
{
    public static IServiceCollection AddPublicCentre(this IServiceCollection services)
    {
        services.AddSingleton(sp => new CentreKeys(sp.GetRequiredService<PledgeSite>()));
        return services;
    }

    public static IEndpointRouteBuilder MapPublicCentre(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").RequireRateLimiting(ServerSetup.PublicLimit).ExcludeFromDescription();
        pages.MapRequestPages();
        pages.MapPreferencePages();
        pages.MapUnsubscribePages();
        app.MapUnsubscribeApi();
        return app;
    }
}
