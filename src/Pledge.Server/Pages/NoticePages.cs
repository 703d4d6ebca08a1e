using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Pledge.Notices;

namespace Pledge.Server.Pages;

/// <summary>
/// The rendered notice per language, rendered once: the policy is immutable. The notice carries its own inline
/// stylesheet; <see cref="StyleHashes"/> lists the hashes the content security policy allows it by.
/// </summary>
internal static partial class NoticePages
{
    private static readonly ConditionalWeakTable<Policy.Model.Policy, ConcurrentDictionary<string, string>> Rendered = new();

    public static string Html(Policy.Model.Policy policy, string language) =>
        Rendered.GetOrCreateValue(policy).GetOrAdd(language, l => NoticeRenderer.Render(policy, NoticeFormat.Html, l));

    /// <summary>CSP source expressions (<c>'sha256-…'</c>) for every inline stylesheet of the notice in each language.</summary>
    public static string StyleHashes(Policy.Model.Policy policy)
    {
        var languages = policy.Notice.Languages.IsDefaultOrEmpty ? ["en"] : policy.Notice.Languages;
        return string.Join(' ', languages.SelectMany(l => StylePattern().Matches(Html(policy, l)).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal)
            .Select(css => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(css))) + "'"));
    }

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StylePattern();
}
