namespace Pledge.Notices;

/// <summary>
/// Turns addresses from a policy into link targets. Only http, https and mailto targets become links:
/// a policy value such as <c>javascript:...</c> is shown as text, never made clickable.
/// </summary>
public static class NoticeLinks
{
    /// <summary>The link target for a web address, or null when it is not an absolute http(s) URL.</summary>
    public static string? Web(string? url) =>
        url is not null && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri
            : null;

    /// <summary>The mailto target for an e-mail address, or null when it does not look like one.</summary>
    public static string? Email(string? address)
    {
        var a = address?.Trim();
        if (a is null || a.IndexOf('@', StringComparison.Ordinal) is <= 0 || a.EndsWith('@') || a.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '"' or '?' or '&'))
        {
            return null;
        }

        return "mailto:" + a;
    }

    /// <summary>A span that links <paramref name="text"/> to <paramref name="href"/> when there is a target, else plain text.</summary>
    internal static NoticeSpan Span(string text, string? href) => href is null ? new TextSpan(text) : new LinkSpan(text, href);
}
