using System.Collections.Immutable;
using Pledge.Policy.Model;

namespace Pledge.Diff;

/// <summary>
/// One comparison of two policies. Changes that touch something several activities share (a processor, a
/// retention rule, a legal hold) are reported once per affected activity when material, so each names the activity
/// whose terms changed, and once overall when editorial, so rewording does not repeat.
/// </summary>
internal sealed partial class PolicyComparer(Policy.Model.Policy old, Policy.Model.Policy @new)
{
    private readonly List<PolicyChange> _changes = [];
    private bool _controllerChanged;

    public PolicyDiffResult Run()
    {
        CompareOrganisation();
        CompareActivities();
        CompareProcessors();
        CompareRetentionRules();
        CompareLegalHolds();
        CompareCookies();
        CompareNotice();
        CompareTaxonomy();
        CompareSystems();
        CompareEvents();
        CompareSecurityAndRights();

        var affected = _changes.Where(c => c.Material && c.ActivityId is not null).Select(c => c.ActivityId!);
        if (_controllerChanged)
        {
            affected = affected.Concat(@new.Activities.Select(a => a.Id));
        }

        return new PolicyDiffResult([.. _changes], affected);
    }

    private void Material(string path, ChangeKind kind, string? activityId, string description, string reason) =>
        _changes.Add(new PolicyChange(path, kind, description, true, activityId, reason));

    private void Editorial(string path, ChangeKind kind, string? activityId, string description, string reason) =>
        _changes.Add(new PolicyChange(path, kind, description, false, activityId, reason));

    /// <summary>Activities present in both versions, in the new policy's order.</summary>
    private IEnumerable<(Activity Old, Activity New)> ContinuingActivities =>
        @new.Activities.Select(n => (Old: old.Activity(n.Id), New: n)).Where(p => p.Old is not null).Select(p => (p.Old!, p.New));

    /// <summary>Items only in <paramref name="b"/>, items only in <paramref name="a"/>, and pairs present in both, by key.</summary>
    private static (List<T> Added, List<T> Removed, List<(T Old, T New)> Both) Match<T>(IEnumerable<T> a, IEnumerable<T> b, Func<T, string> key)
    {
        var oldItems = a.ToList();
        var newItems = b.ToList();
        var oldByKey = oldItems.GroupBy(key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var newKeys = newItems.Select(key).ToHashSet(StringComparer.Ordinal);
        var added = newItems.Where(n => !oldByKey.ContainsKey(key(n))).ToList();
        var removed = oldItems.Where(o => !newKeys.Contains(key(o))).ToList();
        var both = newItems.Where(n => oldByKey.ContainsKey(key(n))).Select(n => (oldByKey[key(n)], n)).ToList();
        return (added, removed, both);
    }

    /// <summary>Strings only in <paramref name="b"/> and only in <paramref name="a"/>, each in its list's order.</summary>
    private static (List<string> Added, List<string> Removed) Match(ImmutableArray<string> a, ImmutableArray<string> b) =>
        ([.. b.Where(x => !a.Contains(x)).Distinct(StringComparer.Ordinal)], [.. a.Where(x => !b.Contains(x)).Distinct(StringComparer.Ordinal)]);

    /// <summary>
    /// How a text changed, or null if it did not: "'old' → 'new'" for short text, "reworded" for long text,
    /// "translations changed (de)" when only translations differ.
    /// </summary>
    private static string? TextChange(LocalizedText? a, LocalizedText? b)
    {
        if (a is null && b is null || (a is not null && a.Equals(b)))
        {
            return null;
        }

        if (a is null)
        {
            return $"added: {Short(b!.Default)}";
        }

        if (b is null)
        {
            return $"removed (was {Short(a.Default)})";
        }

        if (a.Default != b.Default)
        {
            return a.Default.Length <= 60 && b.Default.Length <= 60 ? $"'{a.Default}' → '{b.Default}'" : "reworded";
        }

        var languages = a.Translations.Keys.Concat(b.Translations.Keys).Distinct(StringComparer.Ordinal)
            .Where(l => a.Translations.GetValueOrDefault(l) != b.Translations.GetValueOrDefault(l)).Order(StringComparer.Ordinal);
        return $"translations changed ({string.Join(", ", languages)})";
    }

    private static string? TextChange(string? a, string? b) =>
        a == b ? null : TextChange(a is null ? null : LocalizedText.Of(a), b is null ? null : LocalizedText.Of(b));

    private static string Short(string text) => text.Length <= 60 ? $"'{text}'" : $"'{text[..57]}...'";

    /// <summary>Reports an editorial text change, if any: wording and translations never change what is done.</summary>
    private void Wording(string path, string? activityId, string subject, LocalizedText? a, LocalizedText? b)
    {
        if (TextChange(a, b) is { } change)
        {
            Editorial(path, ChangeKind.Changed, activityId, $"{subject} {change}", Reasons.Wording);
        }
    }

    private void Wording(string path, string? activityId, string subject, string? a, string? b)
    {
        if (TextChange(a, b) is { } change)
        {
            Editorial(path, ChangeKind.Changed, activityId, $"{subject} {change}", Reasons.Wording);
        }
    }

    private static string Duration(PolicyDuration? d) => d?.ToString() ?? "no limit";

    private static string Name(Policy.Model.Policy policy, string processorId) =>
        policy.Processor(processorId) is { } p && p.Name != processorId ? $"'{processorId}' ({p.Name})" : $"'{processorId}'";
}
