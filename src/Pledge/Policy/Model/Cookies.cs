using System.Collections.Immutable;
using Pledge.Diagnostics;

namespace Pledge.Policy.Model;

/// <summary>The cookies and similar technologies a site uses, and the policy's maximum lifetime for them.</summary>
public sealed record CookiePolicy(PolicyDuration MaxLifetime, ImmutableArray<Cookie> Items);

/// <summary>A cookie (or local-storage key, pixel, ...).</summary>
/// <param name="Name">The cookie name, or a pattern with <c>*</c> when <see cref="IsPattern"/>.</param>
/// <param name="Duration">Lifetime; null for a session cookie.</param>
/// <param name="Consent">Whether the cookie is set only with consent. Non-essential cookies must say true (PL027).</param>
public sealed record Cookie(
    string Name,
    bool IsPattern,
    string Provider,
    CookieParty Party,
    string Category,
    LocalizedText Purpose,
    PolicyDuration? Duration,
    bool Consent,
    string? Processor,
    SourceLocation At);
