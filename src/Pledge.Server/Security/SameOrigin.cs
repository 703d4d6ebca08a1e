namespace Pledge.Server.Security;

/// <summary>
/// CSRF defence for the JSON endpoints browsers post to: a cross-site page cannot send <c>application/json</c>
/// without a preflight this server never grants, and a browser's <c>Origin</c> (or <c>Sec-Fetch-Site</c>), when
/// present, must name this site.
/// </summary>
internal static class SameOrigin
{
    public static bool Check(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"] is { Count: > 0 } site && site != "same-origin" && site != "none")
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase));
    }
}
