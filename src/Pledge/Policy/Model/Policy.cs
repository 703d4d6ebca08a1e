using System.Collections.Frozen;
using System.Collections.Immutable;

namespace Pledge.Policy.Model;

/// <summary>
/// A loaded, checked policy: immutable and safe to share between threads. Obtain one from
/// <c>PolicyLoader</c>; a policy with errors is never handed out.
/// </summary>
public sealed record Policy(
    string SourcePath,
    NoticeInfo Notice,
    Organisation Organisation,
    Taxonomy Taxonomy,
    ImmutableArray<DataSystem> Systems,
    ImmutableArray<Activity> Activities,
    ImmutableArray<RetentionRule> Retention,
    ImmutableArray<LegalHold> LegalHolds,
    ImmutableArray<PolicyEvent> Events,
    CookiePolicy Cookies,
    ImmutableArray<Processor> Processors,
    RightsSettings Rights,
    ImmutableArray<LocalizedText> SecurityMeasures)
{
    private PolicyIndex? _index;

    private PolicyIndex Index => _index ??= new PolicyIndex(this);

    /// <summary>When the server runs retention (<c>retention_schedule</c>); null: only when run by hand.</summary>
    public Jobs.JobSchedule? RetentionSchedule { get; init; }

    /// <summary>The activity with <paramref name="id"/>, or null.</summary>
    public Activity? Activity(string id) => Index.Activities.GetValueOrDefault(id);

    /// <summary>The data category with <paramref name="key"/>, or null.</summary>
    public DataCategory? Category(string key) => Index.Categories.GetValueOrDefault(key);

    /// <summary>The purpose with <paramref name="key"/>, or null.</summary>
    public TaxonomyEntry? Purpose(string key) => Index.Purposes.GetValueOrDefault(key);

    /// <summary>The kind of data subject with <paramref name="key"/>, or null.</summary>
    public TaxonomyEntry? Subject(string key) => Index.Subjects.GetValueOrDefault(key);

    /// <summary>The system with <paramref name="id"/>, or null.</summary>
    public DataSystem? System(string id) => Index.Systems.GetValueOrDefault(id);

    /// <summary>The processor with <paramref name="id"/>, or null.</summary>
    public Processor? Processor(string id) => Index.Processors.GetValueOrDefault(id);

    /// <summary>The retention rule with <paramref name="id"/>, or null.</summary>
    public RetentionRule? RetentionRule(string id) => Index.Retention.GetValueOrDefault(id);

    /// <summary>The legal hold with <paramref name="id"/>, or null.</summary>
    public LegalHold? LegalHold(string id) => Index.Holds.GetValueOrDefault(id);

    /// <summary>The cookie category with <paramref name="key"/>, or null.</summary>
    public CookieCategory? CookieCategory(string key) => Index.CookieCategories.GetValueOrDefault(key);

    /// <summary>Whether any of the activity's categories is a special category (Art. 9) or lies under one.</summary>
    public bool ProcessesSpecialCategories(Activity activity) => SpecialCategoriesOf(activity).Any();

    /// <summary>
    /// The categories an activity lists that are special (Art. 9) or lie under a special category. Listing a broad
    /// parent such as <c>user</c> does not count as processing special categories, and does not cover them either.
    /// </summary>
    public IEnumerable<string> SpecialCategoriesOf(Activity activity) => activity.Categories.Where(IsSpecial);

    /// <summary>Whether <paramref name="key"/> or one of its ancestors is a special category.</summary>
    public bool IsSpecial(string key)
    {
        for (var k = key; k is not null; k = k.LastIndexOf('.') is var i and > 0 ? k[..i] : null)
        {
            if (Category(k) is { Special: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether <paramref name="activity"/> covers a field of <paramref name="category"/> held in <paramref name="system"/>:
    /// the activity lists the category or an ancestor, and special-category data only through a special category.
    /// </summary>
    public bool Covers(Activity activity, DataCategory category, string system)
    {
        if (!activity.Systems.IsEmpty && !activity.Systems.Contains(system))
        {
            return false;
        }

        var special = IsSpecial(category.Key);
        return activity.Categories.Any(k => category.IsWithin(k) && (!special || IsSpecial(k)));
    }

    private sealed class PolicyIndex(Policy p)
    {
        // First definition wins: a duplicate id is reported by the checks, and lookups must not fail meanwhile.
        private static FrozenDictionary<string, T> Index<T>(IEnumerable<T> items, Func<T, string> key) =>
            items.GroupBy(key, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        public FrozenDictionary<string, Activity> Activities { get; } = Index(p.Activities, a => a.Id);
        public FrozenDictionary<string, DataCategory> Categories { get; } = Index(p.Taxonomy.Categories, c => c.Key);
        public FrozenDictionary<string, TaxonomyEntry> Purposes { get; } = Index(p.Taxonomy.Purposes, c => c.Key);
        public FrozenDictionary<string, TaxonomyEntry> Subjects { get; } = Index(p.Taxonomy.Subjects, c => c.Key);
        public FrozenDictionary<string, DataSystem> Systems { get; } = Index(p.Systems, s => s.Id);
        public FrozenDictionary<string, Processor> Processors { get; } = Index(p.Processors, s => s.Id);
        public FrozenDictionary<string, RetentionRule> Retention { get; } = Index(p.Retention, s => s.Id);
        public FrozenDictionary<string, LegalHold> Holds { get; } = Index(p.LegalHolds, s => s.Id);
        public FrozenDictionary<string, CookieCategory> CookieCategories { get; } = Index(p.Taxonomy.CookieCategories, s => s.Key);
    }
}
