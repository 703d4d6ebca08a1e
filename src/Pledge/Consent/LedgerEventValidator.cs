using Pledge.Policy.Model;

namespace Pledge.Consent;

/// <summary>
/// Checks an event against the policy before it may enter the ledger: the activity exists and the event makes sense
/// for it (consent only where the activity asks for consent, objection only where the right to object applies,
/// compelling grounds only where objection is a balancing test), the policy version was deployed, and the evidence is
/// complete. Thread safe.
/// </summary>
public sealed class LedgerEventValidator(Policy.Model.Policy policy, TimeProvider time)
{
    /// <summary>The longest actor or idempotency key accepted.</summary>
    public const int MaxTextLength = 200;

    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Null when <paramref name="e"/> may be appended; otherwise why not.</summary>
    public LedgerError? Validate(LedgerEvent e, PolicyVersionHistory versions)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(versions);
        var evidence = e.Evidence;
        if (string.IsNullOrWhiteSpace(evidence.Actor) || evidence.Actor.Length > MaxTextLength)
        {
            return new(LedgerErrorCode.MissingActor, $"the actor is empty or longer than {MaxTextLength} characters");
        }

        if (string.IsNullOrWhiteSpace(evidence.IdempotencyKey) || evidence.IdempotencyKey.Length > MaxTextLength || evidence.IdempotencyKey.Any(char.IsControl))
        {
            return new(LedgerErrorCode.BadIdempotencyKey, $"the idempotency key is empty, longer than {MaxTextLength} characters, or holds control characters");
        }

        if (evidence.At > time.GetUtcNow() + ClockSkew)
        {
            return new(LedgerErrorCode.FutureTime, "the event's time is in the future");
        }

        if (!versions.Contains(evidence.PolicyVersion))
        {
            return new(LedgerErrorCode.UnknownPolicyVersion,
                $"policy version '{evidence.PolicyVersion}' was never deployed in this store (deployed: {string.Join(", ", versions.Versions.Select(v => v.Version).DefaultIfEmpty("none"))})");
        }

        var activity = e.Activity is null ? null : policy.Activity(e.Activity);
        if (e.Activity is not null && activity is null)
        {
            return new(LedgerErrorCode.UnknownActivity, $"the policy has no activity '{e.Activity}'");
        }

        return e.Kind switch
        {
            LedgerEventKind.ConsentGiven => Consent(activity, "consent"),
            LedgerEventKind.ConsentWithdrawn when activity is null && evidence.Signal == ConsentSignal.GlobalPrivacyControl => null,
            LedgerEventKind.ConsentWithdrawn => Consent(activity, "a withdrawal (or, with the GPC signal, no activity)"),
            LedgerEventKind.Objection when activity is null => null,
            LedgerEventKind.Objection => activity.Objection == ObjectionRule.None
                ? new(LedgerErrorCode.ObjectionNotApplicable, $"the right to object does not apply to activity '{activity.Id}' (lawful basis {Policy.Loading.EnumNames.Of(activity.Basis)})")
                : null,
            LedgerEventKind.CompellingGrounds when activity is null => new(LedgerErrorCode.ActivityRequired, "compelling grounds are recorded for one activity"),
            LedgerEventKind.CompellingGrounds => activity.Objection != ObjectionRule.Balancing
                ? new(LedgerErrorCode.NoBalancingForActivity, $"an objection to activity '{activity.Id}' is absolute; compelling grounds cannot override it")
                : null,
            LedgerEventKind.RestrictionPlaced or LedgerEventKind.RestrictionLifted => activity is null
                ? null
                : new(LedgerErrorCode.ActivityNotExpected, "a restriction covers the subject's data, not one activity"),
            LedgerEventKind.PreferenceSet => Preference(e.Preference),
            _ => new(LedgerErrorCode.NotAppendable, "erasure is recorded by erasing the subject, not by appending an event"),
        };
    }

    private static LedgerError? Consent(Activity? activity, string what)
    {
        if (activity is null)
        {
            return new(LedgerErrorCode.ActivityRequired, $"{what} names an activity");
        }

        return activity.Consent.Mode == ConsentMode.None && activity.Basis != LawfulBasis.Consent
            ? new(LedgerErrorCode.NoConsentForActivity, $"activity '{activity.Id}' does not rely on consent (lawful basis {Policy.Loading.EnumNames.Of(activity.Basis)}, no consent mode)")
            : null;
    }

    private static LedgerError? Preference(Preference? preference)
    {
        if (preference is null || new[] { preference.Channel, preference.Topic, preference.Frequency }.Any(p => string.IsNullOrWhiteSpace(p) || p.Length > 100 || p.Contains('/', StringComparison.Ordinal)))
        {
            return new(LedgerErrorCode.MissingPreference, "a preference needs a channel, a topic and a frequency (each at most 100 characters, no '/')");
        }

        return null;
    }
}
