using Pledge.Diagnostics;
using Pledge.Policy.Model;

namespace Pledge.Policy.Loading;

/// <summary>What the files of one policy say, gathered before the whole is checked and frozen.</summary>
internal sealed class PolicyDraft
{
    public Dictionary<string, SourceLocation> Sections { get; } = new(StringComparer.Ordinal);
    public NoticeInfo? Notice { get; set; }
    public Organisation? Organisation { get; set; }
    public RightsSettings? Rights { get; set; }
    public PolicyDuration? CookieMaxLifetime { get; set; }
    public List<DataCategory> Categories { get; } = [];
    public List<TaxonomyEntry> Purposes { get; } = [];
    public List<TaxonomyEntry> Subjects { get; } = [];
    public List<TaxonomyEntry> Identifiers { get; } = [];
    public List<CookieCategory> CookieCategories { get; } = [];
    public List<DataSystem> Systems { get; } = [];
    public List<Activity> Activities { get; } = [];
    public List<RetentionRule> Retention { get; } = [];
    public List<LegalHold> Holds { get; } = [];
    public List<PolicyEvent> Events { get; } = [];
    public List<Cookie> Cookies { get; } = [];
    public List<Processor> Processors { get; } = [];
    public List<LocalizedText> Security { get; } = [];
    public Jobs.JobSchedule? RetentionSchedule { get; set; }

    /// <summary>Records that a single-valued section is defined here; false (with PL013) when another file did.</summary>
    public bool Claim(string section, SourceLocation at, List<Diagnostic> diagnostics)
    {
        if (Sections.TryGetValue(section, out var first))
        {
            diagnostics.Add(Rules.DuplicateSection.At(at, $"'{section}' is already defined at {first}"));
            return false;
        }

        Sections[section] = at;
        return true;
    }
}
