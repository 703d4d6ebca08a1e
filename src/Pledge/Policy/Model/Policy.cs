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

    /// <summary>The special categories (Art. 9) an activity processes, including those below a listed parent.</summary>
    public IEnumerable<DataCategory> SpecialCategoriesOf(Activity activity) =>
        Taxonomy.Categories.Where(c => c.Special && activity.Categories.Any(a => c.IsWithin(a) || IsBelow(a, c.Key)));

    /// <summary>Whether category key <paramref name="key"/> lies strictly below <paramref name="ancestor"/>.</summary>
    private static bool IsBelow(string key, string ancestor) =>
        key.Length > ancestor.Length && key[ancestor.Length] == '.' && key.StartsWith(ancestor, StringComparison.Ordinal);

    private sealed class PolicyIndex(Policy p)
    {
        public FrozenDictionary<string, Activity> Activities { get; } = p.Activities.ToFrozenDictionary(a => a.Id, StringComparer.Ordinal);
        public FrozenDictionary<string, DataCategory> Categories { get; } = p.Taxonomy.Categories.ToFrozenDictionary(c => c.Key, StringComparer.Ordinal);
        public FrozenDictionary<string, TaxonomyEntry> Purposes { get; } = p.Taxonomy.Purposes.ToFrozenDictionary(c => c.Key, StringComparer.Ordinal);
        public FrozenDictionary<string, TaxonomyEntry> Subjects { get; } = p.Taxonomy.Subjects.ToFrozenDictionary(c => c.Key, StringComparer.Ordinal);
        public FrozenDictionary<string, DataSystem> Systems { get; } = p.Systems.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        public FrozenDictionary<string, Processor> Processors { get; } = p.Processors.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        public FrozenDictionary<string, RetentionRule> Retention { get; } = p.Retention.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        public FrozenDictionary<string, LegalHold> Holds { get; } = p.LegalHolds.ToFrozenDictionary(s => s.Id, StringComparer.Ordinal);
        public FrozenDictionary<string, CookieCategory> CookieCategories { get; } = p.Taxonomy.CookieCategories.ToFrozenDictionary(s => s.Key, StringComparer.Ordinal);
    }
}
