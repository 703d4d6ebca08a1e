namespace Pledge.Consent;

/// <summary>Why an event cannot go into the ledger; stable codes for reports and APIs.</summary>
public enum LedgerErrorCode
{
    UnknownActivity,
    ActivityRequired,
    ActivityNotExpected,
    NoConsentForActivity,
    ObjectionNotApplicable,
    NoBalancingForActivity,
    UnknownPolicyVersion,
    MissingActor,
    BadIdempotencyKey,
    MissingPreference,
    FutureTime,
    NotAppendable,
}

/// <summary>A refused event: a code and one sentence that never repeats an identifier.</summary>
public sealed record LedgerError(LedgerErrorCode Code, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Message;
}
