using System.Collections.Frozen;
using System.Collections.Immutable;
using Pledge.Policy.Model;
using Pledge.Storage;

namespace Pledge.Consent;

/// <summary>
/// The decision engine: may activity A process subject S's data at time T, and why. The policy and the deployed
/// versions are compiled once into arrays indexed by activity; <see cref="Decide(SubjectState, int, DateTimeOffset)"/>
/// then reads a few array slots and allocates nothing. Immutable and thread safe.
/// </summary>
/// <remarks>
/// Rules, all applied, denying reasons winning:
/// restriction denies everything except storage and legal claims; a Global Privacy Control signal denies marketing and
/// sharing activities; an objection to direct marketing denies every direct-marketing activity; an objection to an
/// activity denies it when absolute, or until compelling grounds are recorded when a balancing test; a later explicit
/// consent to an activity overrides an earlier GPC signal or objection for that activity; opt-in activities need a
/// consent given under a version since which their terms are unchanged, not withdrawn and not expired; opt-out
/// activities are allowed until switched off; contract, legal obligation, vital interests and public task allow.
/// </remarks>
public sealed class DecisionEngine
{
    /// <summary>Purposes whose activities continue under restriction (Art. 18(2): storage and legal claims).</summary>
    public static readonly FrozenSet<string> RestrictionExemptPurposes = new[] { "storage", "legal_claims" }.ToFrozenSet(StringComparer.Ordinal);

    private readonly FrozenDictionary<string, int> _index;
    private readonly DecisionReasons[] _basis;
    private readonly ConsentMode[] _mode;
    private readonly ObjectionRule[] _objection;
    private readonly bool[] _directMarketing;
    private readonly bool[] _gpcApplies;
    private readonly bool[] _exempt;
    private readonly int[] _termsSince;
    private readonly PolicyDuration?[] _lifetime;

    private DecisionEngine(Policy.Model.Policy policy, PolicyVersionHistory versions)
    {
        Versions = versions;
        var activities = policy.Activities.DistinctBy(a => a.Id, StringComparer.Ordinal).ToImmutableArray();
        ActivityIds = [.. activities.Select(a => a.Id)];
        _index = activities.Select((a, i) => (a.Id, i)).ToFrozenDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var upTo = versions.OrdinalOf(policy.Notice.Version) is var own and > 0 ? own : int.MaxValue;
        _basis = [.. activities.Select(a => BasisReason(a.Basis))];
        _mode = [.. activities.Select(a => a.Basis == LawfulBasis.Consent && a.Consent.Mode == ConsentMode.None ? ConsentMode.OptIn : a.Consent.Mode)];
        _objection = [.. activities.Select(a => a.DirectMarketing ? ObjectionRule.Absolute : a.Objection)];
        _directMarketing = [.. activities.Select(a => a.DirectMarketing)];
        _gpcApplies = [.. activities.Select(a => a.DirectMarketing || a.Sharing)];
        _exempt = [.. activities.Select(IsExemptFromRestriction)];
        _termsSince = [.. activities.Select(a => versions.TermsUnchangedSince(a.Id, upTo))];
        _lifetime = [.. activities.Select(a => a.Consent.Lifetime)];
    }

    /// <summary>The activity ids, in index order.</summary>
    public ImmutableArray<string> ActivityIds { get; }

    /// <summary>The deployed versions the engine was compiled with.</summary>
    public PolicyVersionHistory Versions { get; }

    /// <summary>Compiles <paramref name="policy"/> with the versions deployed in the store.</summary>
    public static DecisionEngine Compile(Policy.Model.Policy policy, PolicyVersionHistory versions)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(versions);
        return new DecisionEngine(policy, versions);
    }

    /// <summary>Whether an activity keeps running while processing is restricted: its purposes include storage or
    /// legal claims, or it is a legal obligation for legal compliance (e.g. keeping invoices for the tax authority).</summary>
    public static bool IsExemptFromRestriction(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Purposes.Any(RestrictionExemptPurposes.Contains)
            || (activity.Basis == LawfulBasis.LegalObligation && activity.Purposes.Contains("legal_compliance"));
    }

    /// <summary>The index of <paramref name="activityId"/>, or −1.</summary>
    public int IndexOf(string activityId) => _index.TryGetValue(activityId, out var i) ? i : -1;

    /// <summary>The state of a subject the ledger knows nothing about.</summary>
    public SubjectState EmptyState() => new(ActivityIds.Length);

    /// <summary>A subject's state from its projected rows.</summary>
    public SubjectState StateFrom(IEnumerable<StateRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var state = new SubjectState(ActivityIds.Length);
        foreach (var row in rows)
        {
            Apply(state, row);
        }

        return state;
    }

    internal void Apply(SubjectState state, in StateRow row)
    {
        switch (row.Facet)
        {
            case StateFacet.Restriction:
                state.Restricted = row.Status == 1;
                break;
            case StateFacet.GlobalPrivacyControl:
                state.HasGpc = true;
                state.GpcAt = row.At;
                break;
            case StateFacet.Objection when row.Scope == StateRow.AllDirectMarketing:
                state.HasDirectMarketingObjection = true;
                state.DirectMarketingObjectionAt = row.At;
                break;
            case StateFacet.Objection when _index.TryGetValue(row.Scope, out var o):
                state.Slots[o].Objection = row.Status == 2 ? ActivitySlot.Overridden : ActivitySlot.Objected;
                state.Slots[o].ObjectionAt = row.At;
                break;
            case StateFacet.Consent when _index.TryGetValue(row.Scope, out var c):
                ref var slot = ref state.Slots[c];
                slot.Consent = row.Status == 1 ? ActivitySlot.Given : ActivitySlot.Withdrawn;
                slot.ConsentAt = row.At;
                slot.ConsentVersion = Versions.OrdinalOf(row.PolicyVersion);
                slot.ConsentExpires = _lifetime[c] is { } lifetime ? StoreTime.ToMicros(lifetime.AddTo(StoreTime.FromMicros(row.At))) : long.MaxValue;
                break;
        }
    }

    /// <summary>The decision for <paramref name="activityId"/>; unknown activities are denied.</summary>
    public Decision Decide(SubjectState state, string activityId, DateTimeOffset at) =>
        Decide(state, _index.TryGetValue(activityId, out var i) ? i : -1, at);

    /// <summary>The decision for the activity at <paramref name="activity"/> (see <see cref="IndexOf"/>). Allocation free.</summary>
    public Decision Decide(SubjectState state, int activity, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(state);
        if ((uint)activity >= (uint)_basis.Length)
        {
            return new Decision(DecisionOutcome.Deny, DecisionReasons.UnknownActivity);
        }

        ref readonly var slot = ref state.Slots[activity];
        var reasons = _basis[activity];
        if (state.Restricted)
        {
            reasons |= _exempt[activity] ? DecisionReasons.ExemptFromRestriction : DecisionReasons.Restricted;
        }

        if (state.HasGpc && _gpcApplies[activity] && !ConsentedAfter(slot, state.GpcAt))
        {
            reasons |= DecisionReasons.GlobalPrivacyControl;
        }

        if (state.HasDirectMarketingObjection && _directMarketing[activity] && !ConsentedAfter(slot, state.DirectMarketingObjectionAt))
        {
            reasons |= DecisionReasons.ObjectedToDirectMarketing;
        }

        if (slot.Objection != ActivitySlot.None && _objection[activity] != ObjectionRule.None && !ConsentedAfter(slot, slot.ObjectionAt))
        {
            reasons |= slot.Objection == ActivitySlot.Overridden && _objection[activity] == ObjectionRule.Balancing
                ? DecisionReasons.CompellingGrounds
                : DecisionReasons.Objected;
        }

        switch (_mode[activity])
        {
            case ConsentMode.OptIn:
                reasons |= slot.Consent switch
                {
                    ActivitySlot.None => DecisionReasons.NoConsent,
                    ActivitySlot.Withdrawn => DecisionReasons.ConsentWithdrawn,
                    _ when slot.ConsentVersion < _termsSince[activity] => DecisionReasons.ConsentOutdated,
                    _ when StoreTime.ToMicros(at) >= slot.ConsentExpires => DecisionReasons.ConsentExpired,
                    _ => DecisionReasons.ConsentGiven,
                };
                break;
            case ConsentMode.OptOut:
                reasons |= slot.Consent == ActivitySlot.Withdrawn ? DecisionReasons.OptedOut : DecisionReasons.NotOptedOut;
                break;
        }

        var deny = reasons & DecisionReasons.DenyMask;
        return deny != 0 ? new Decision(DecisionOutcome.Deny, deny) : new Decision(DecisionOutcome.Allow, reasons);
    }

    private static bool ConsentedAfter(in ActivitySlot slot, long at) => slot.Consent == ActivitySlot.Given && slot.ConsentAt > at;

    private static DecisionReasons BasisReason(LawfulBasis basis) => basis switch
    {
        LawfulBasis.Contract => DecisionReasons.Contract,
        LawfulBasis.LegalObligation => DecisionReasons.LegalObligation,
        LawfulBasis.VitalInterests => DecisionReasons.VitalInterests,
        LawfulBasis.PublicTask => DecisionReasons.PublicTask,
        LawfulBasis.LegitimateInterests => DecisionReasons.LegitimateInterests,
        _ => DecisionReasons.None,
    };
}
