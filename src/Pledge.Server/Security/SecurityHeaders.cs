namespace Pledge.Server.Security;

/// <summary>
/// Headers every response carries. The content security policy allows no inline script or style: the notice's own
/// stylesheet is allowed by its hash, everything else is served from this origin.
/// </summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string styleHashes)
    {
        // Built once: the policy's hashes do not change while the server runs, and every response carries it.
        var contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' " + styleHashes
            + "; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
        return app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = contentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
            return next(context);
        });
    }
}
