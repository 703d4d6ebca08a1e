namespace Pledge.Consent;

/// <summary>What a ledger event records.</summary>
public enum LedgerEventKind
{
    /// <summary>The subject agreed to an activity (or switched an opt-out activity back on).</summary>
    ConsentGiven,
    /// <summary>The subject withdrew consent for an activity; with the GPC signal and no activity, for every marketing and sharing activity.</summary>
    ConsentWithdrawn,
    /// <summary>The subject objected to an activity (Art. 21), or with no activity to all direct marketing.</summary>
    Objection,
    /// <summary>The controller recorded compelling legitimate grounds that override an objection (Art. 21(1)).</summary>
    CompellingGrounds,
    /// <summary>Processing of the subject's data is restricted (Art. 18).</summary>
    RestrictionPlaced,
    /// <summary>The restriction is lifted.</summary>
    RestrictionLifted,
    /// <summary>A communication preference: channel, topic and frequency.</summary>
    PreferenceSet,
    /// <summary>The subject was erased: identifiers replaced by keyed pseudonyms, the events kept as proof.</summary>
    Erased,
}

/// <summary>Where an event was captured.</summary>
public enum EvidenceChannel
{
    /// <summary>A form on a web page or in the privacy centre.</summary>
    WebForm,
    /// <summary>The cookie banner.</summary>
    CookieBanner,
    /// <summary>A link in an e-mail (unsubscribe, confirm).</summary>
    EmailLink,
    /// <summary>An API call from another system.</summary>
    Api,
    /// <summary>A bulk import of existing records.</summary>
    Import,
    /// <summary>Said aloud, e.g. at the start of a recorded call.</summary>
    Verbal,
    /// <summary>In the product's own settings (e.g. "send usage data").</summary>
    InProduct,
}

/// <summary>A machine signal that came with the event.</summary>
public enum ConsentSignal
{
    /// <summary>No signal.</summary>
    None,
    /// <summary>Global Privacy Control (<c>Sec-GPC: 1</c>): withdrawal for marketing and sharing activities.</summary>
    GlobalPrivacyControl,
}

/// <summary>
/// The evidence every ledger event carries: when, under which policy (notice) version, through which channel, with
/// which signal, by whom, and the idempotency key that makes a retried write store once.
/// </summary>
/// <param name="At">When it happened (may be earlier than when it was recorded, e.g. on import).</param>
/// <param name="PolicyVersion">The notice version in force, as deployed in the store (<c>notice.version</c>).</param>
/// <param name="Actor">Who recorded it: <c>subject</c>, <c>staff:jo</c>, <c>api:crm-sync</c>.</param>
/// <param name="IdempotencyKey">Unique per event; a retry with the same key returns the original event.</param>
public sealed record Evidence(DateTimeOffset At, string PolicyVersion, EvidenceChannel Channel, string Actor, string IdempotencyKey, ConsentSignal Signal = ConsentSignal.None);

/// <summary>A communication preference.</summary>
/// <param name="Channel">e.g. <c>email</c>, <c>sms</c>, <c>post</c>.</param>
/// <param name="Topic">e.g. <c>product-news</c>, <c>events</c>.</param>
/// <param name="Frequency">e.g. <c>weekly</c>, <c>monthly</c>, <c>never</c>.</param>
public sealed record Preference(string Channel, string Topic, string Frequency);

/// <summary>An event to append to the ledger.</summary>
/// <param name="Subject">Who: the identifier is linked to its subject, or a new subject is created.</param>
/// <param name="Activity">The activity id; null for an objection to all direct marketing, a GPC withdrawal, a restriction or a preference.</param>
/// <param name="Preference">For <see cref="LedgerEventKind.PreferenceSet"/> only.</param>
public sealed record LedgerEvent(SubjectIdentifier Subject, LedgerEventKind Kind, string? Activity, Evidence Evidence, Preference? Preference = null);

/// <summary>The outcome of an append: the stored event's sequence, or why it was refused.</summary>
/// <param name="Sequence">The event's place in the ledger (the original one for a retry).</param>
/// <param name="SubjectId">The subject's internal id.</param>
/// <param name="Duplicate">The idempotency key was already stored: nothing new was written.</param>
/// <param name="Error">Why the event was refused; nothing was written.</param>
public readonly record struct AppendResult(long Sequence, long SubjectId, bool Duplicate, LedgerError? Error)
{
    /// <summary>Whether the event is in the ledger (new or earlier).</summary>
    public bool Accepted => Error is null;
}
