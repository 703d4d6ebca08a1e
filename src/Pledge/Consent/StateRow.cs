namespace Pledge.Consent;

/// <summary>The facets of a subject's current state.</summary>
public enum StateFacet : short
{
    /// <summary>Consent to one activity: status 1 given, 0 withdrawn.</summary>
    Consent = 1,
    /// <summary>Objection to one activity or (scope <c>*</c>) to all direct marketing: 1 objected, 2 overridden by compelling grounds.</summary>
    Objection = 2,
    /// <summary>Restriction of processing: 1 placed, 0 lifted.</summary>
    Restriction = 3,
    /// <summary>A Global Privacy Control signal was received: 1.</summary>
    GlobalPrivacyControl = 4,
    /// <summary>A communication preference (scope <c>channel/topic</c>, value the frequency).</summary>
    Preference = 5,
}

/// <summary>
/// One row of the projected current state: the latest event, by (time, sequence), for a subject, facet and scope.
/// Taking the latest by (time, sequence) makes the projection independent of the order events arrive in, so the
/// incremental state and a rebuild from the ledger are always equal.
/// </summary>
public readonly record struct StateRow(long SubjectId, StateFacet Facet, string Scope, short Status, string? Value, long At, long Seq, string? PolicyVersion)
{
    /// <summary>The scope of an objection to all direct marketing.</summary>
    public const string AllDirectMarketing = "*";

    /// <summary>Whether this row supersedes <paramref name="other"/> for the same key.</summary>
    public bool IsLaterThan(in StateRow other) => At > other.At || (At == other.At && Seq > other.Seq);

    /// <summary>The state row an event projects to, or null for an event that changes no state (erasure).</summary>
    internal static StateRow? From(long subjectId, long seq, LedgerEventKind kind, string? activity, string? scope, string? value, long at, string policyVersion, ConsentSignal signal) => kind switch
    {
        LedgerEventKind.ConsentGiven => new StateRow(subjectId, StateFacet.Consent, activity!, 1, null, at, seq, policyVersion),
        LedgerEventKind.ConsentWithdrawn when activity is null && signal == ConsentSignal.GlobalPrivacyControl =>
            new StateRow(subjectId, StateFacet.GlobalPrivacyControl, "", 1, null, at, seq, policyVersion),
        LedgerEventKind.ConsentWithdrawn => new StateRow(subjectId, StateFacet.Consent, activity!, 0, null, at, seq, policyVersion),
        LedgerEventKind.Objection => new StateRow(subjectId, StateFacet.Objection, activity ?? AllDirectMarketing, 1, null, at, seq, policyVersion),
        LedgerEventKind.CompellingGrounds => new StateRow(subjectId, StateFacet.Objection, activity!, 2, null, at, seq, policyVersion),
        LedgerEventKind.RestrictionPlaced => new StateRow(subjectId, StateFacet.Restriction, "", 1, null, at, seq, policyVersion),
        LedgerEventKind.RestrictionLifted => new StateRow(subjectId, StateFacet.Restriction, "", 0, null, at, seq, policyVersion),
        LedgerEventKind.PreferenceSet => new StateRow(subjectId, StateFacet.Preference, scope!, 1, value, at, seq, policyVersion),
        _ => null,
    };
}
