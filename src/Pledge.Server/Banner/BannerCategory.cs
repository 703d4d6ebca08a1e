using System.Collections.Immutable;
using Pledge.Policy.Model;

namespace Pledge.Server.Banner;

/// <summary>
/// A cookie category the banner asks about: its cookies (names or <c>*</c> patterns), the consent-based activities
/// that rely on it, and whether Global Privacy Control refuses it (some activity is direct marketing or sharing).
/// </summary>
public sealed record BannerCategory(string Key, LocalizedText Name, LocalizedText? Description, ImmutableArray<string> Cookies,
    ImmutableArray<string> Activities, bool RefusedByGpc)
{
    /// <summary>The default taxonomy's data subject for people browsing the website.</summary>
    public const string WebsiteVisitor = "visitor";

    /// <summary>
    /// The non-essential categories that have cookies, in taxonomy order. A category's activities are the
    /// consent-based activities with a purpose (or id) equal to the category's key that concern website visitors
    /// (subject <c>visitor</c>) or use a processor named by one of the category's cookies: in the example,
    /// <c>analytics</c> is website-analytics and <c>marketing</c> is campaign-tracking, not the newsletter. A category
    /// no activity relies on (e.g. functional) is still asked about; its choice lives in the consent cookie only.
    /// </summary>
    public static ImmutableArray<BannerCategory> From(Policy.Model.Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var list = ImmutableArray.CreateBuilder<BannerCategory>();
        foreach (var category in policy.Taxonomy.CookieCategories.Where(c => !c.Essential))
        {
            var items = policy.Cookies.Items.Where(c => c.Category == category.Key).ToList();
            if (items.Count == 0)
            {
                continue;
            }

            var cookies = items.Select(c => c.Name).ToImmutableArray();
            var processors = items.Select(c => c.Processor).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var activities = policy.Activities
                .Where(a => (a.Basis == LawfulBasis.Consent || a.Consent.Mode != ConsentMode.None)
                    && (a.Id == category.Key || a.Purposes.Contains(category.Key))
                    && (a.Subjects.Contains(WebsiteVisitor) || a.Processors.Any(processors.Contains)))
                .ToImmutableArray();
            list.Add(new BannerCategory(category.Key, category.Name, category.Description, cookies,
                [.. activities.Select(a => a.Id)], activities.Any(a => a.DirectMarketing || a.Sharing)));
        }

        return list.ToImmutable();
    }
}
