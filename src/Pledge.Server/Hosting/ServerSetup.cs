using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Abstractions;
using Pledge.Access;
using Pledge.Server.Admin;
using Pledge.Server.Api;
using Pledge.Server.Banner;
using Pledge.Server.Centre;
using Pledge.Server.Drp;
using Pledge.Server.Jobs;
using Pledge.Server.Pages;
using Pledge.Server.Security;

namespace Pledge.Server.Hosting;

/// <summary>The server's cross-cutting setup in one place: options, site, security, limits, errors, endpoints.</summary>
public static class ServerSetup
{
    /// <summary>The rate-limit policy of the public endpoints: per client address, per minute.</summary>
    public const string PublicLimit = "public";

    /// <summary>Where Kestrel listens when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says: this machine only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Reads and checks the options, opens the site and registers every service.</summary>
    public static async Task<PledgeSite> AddPledgeServerAsync(this WebApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
        {
            throw new ServerStartException(string.Join(Environment.NewLine, errors.Select(e => e.ErrorMessage)));
        }

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.UseKestrel(k => k.AddServerHeader = false);
        builder.Services.TryAddSingleton(TimeProvider.System);
        var time = builder.Services.Where(d => d.ServiceType == typeof(TimeProvider)).Select(d => d.ImplementationInstance).OfType<TimeProvider>().LastOrDefault() ?? TimeProvider.System;
        var site = await PledgeSite.OpenAsync(options, time, NullLoggerFactory.Instance, cancellationToken);

        var services = builder.Services;
        services.AddSingleton(site);
        services.AddOptions<ServerOptions>().Bind(builder.Configuration.GetSection(ServerOptions.Section));
        services.AddProblemDetails();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Pledge API";
            document.Info.Description = "Decisions, consent and administration for " + site.Policy.Organisation.Controller.Name + "'s privacy policy.";
            return Task.CompletedTask;
        }));
        if (!string.IsNullOrWhiteSpace(options.DataProtectionKeys))
        {
            services.AddDataProtection().SetApplicationName("pledge").PersistKeysToFileSystem(new DirectoryInfo(options.DataProtectionKeys));
        }

        services.AddAntiforgery(a =>
        {
            a.Cookie.Name = site.Policy.Cookies.Items.FirstOrDefault(c => !c.IsPattern && c.Name.Contains("csrf", StringComparison.OrdinalIgnoreCase))?.Name ?? "pledge_csrf";
            a.FormFieldName = "__csrf";
        });
        services.AddPublicCentre();
        services.AddDrp(options.Drp);
        // Verified keys are trusted for 10 s: one store read per key per 10 s instead of one per request
        // (bench/server-load.sh); a key revoked on another instance stops working there within that time.
        services.AddSingleton(new ApiKeyCache(site.Store, TimeSpan.FromSeconds(10)));
        services.AddAuthentication(ApiKeyAuthentication.SchemeName).AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorization(a =>
        {
            foreach (var scope in ApiScopes.All)
            {
                a.AddPolicy(scope, p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser().RequireClaim("scope", scope));
            }
        });
        services.AddPledgeAdmin(options);
        services.AddRateLimiter(r =>
        {
            r.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            r.AddPolicy(PublicLimit, context => RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.PublicRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        services.AddPledgeJobs(site, options.Jobs);
        return site;
    }

    /// <summary>The middleware, in order, and every area's endpoints.</summary>
    public static WebApplication UsePledgeServer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var site = app.Services.GetRequiredService<PledgeSite>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders(NoticePages.StyleHashes(site.Policy));
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi();
        app.MapPrivacyCentreApi();
        app.MapBannerApi();
        app.MapDecisionApi();
        app.MapConsentApi();
        app.MapApiKeysApi();
        app.MapPublicCentre();
        app.MapDrpApi();
        app.MapJobsApi();
        app.MapPledgeAdmin();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ServerOptions>>().Value.DemoSite)
        {
            app.MapDemoSiteApi();
        }

        return app;
    }
}
