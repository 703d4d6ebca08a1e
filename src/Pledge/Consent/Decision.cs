using System.Text;

namespace Pledge.Consent;

/// <summary>Allow or deny.</summary>
public enum DecisionOutcome : byte
{
    /// <summary>The activity may not process the subject's data now.</summary>
    Deny,
    /// <summary>The activity may process the subject's data now.</summary>
    Allow,
}

/// <summary>Every reason a decision can give; a decision carries all that applied. Denying reasons win.</summary>
[Flags]
public enum DecisionReasons : uint
{
    None = 0,
    /// <summary>Allowed: performance of a contract (Art. 6(1)(b)).</summary>
    Contract = 1 << 0,
    /// <summary>Allowed: a legal obligation (Art. 6(1)(c)).</summary>
    LegalObligation = 1 << 1,
    /// <summary>Allowed: vital interests (Art. 6(1)(d)).</summary>
    VitalInterests = 1 << 2,
    /// <summary>Allowed: a task in the public interest (Art. 6(1)(e)).</summary>
    PublicTask = 1 << 3,
    /// <summary>Allowed: legitimate interests, and the subject has not objected (Art. 6(1)(f)).</summary>
    LegitimateInterests = 1 << 4,
    /// <summary>Allowed: consent given under the current terms, not withdrawn, not expired.</summary>
    ConsentGiven = 1 << 5,
    /// <summary>Allowed: an opt-out activity the subject has not switched off.</summary>
    NotOptedOut = 1 << 6,
    /// <summary>Allowed despite an objection: the controller recorded compelling legitimate grounds.</summary>
    CompellingGrounds = 1 << 7,
    /// <summary>Allowed under restriction: storage or legal claims.</summary>
    ExemptFromRestriction = 1 << 8,

    /// <summary>Denied: the policy has no such activity.</summary>
    UnknownActivity = 1 << 16,
    /// <summary>Denied: processing is restricted (Art. 18).</summary>
    Restricted = 1 << 17,
    /// <summary>Denied: no consent was ever given.</summary>
    NoConsent = 1 << 18,
    /// <summary>Denied: consent was withdrawn.</summary>
    ConsentWithdrawn = 1 << 19,
    /// <summary>Denied: consent was given under terms that have since changed materially; fresh consent is required.</summary>
    ConsentOutdated = 1 << 20,
    /// <summary>Denied: consent is older than the activity's consent lifetime.</summary>
    ConsentExpired = 1 << 21,
    /// <summary>Denied: the subject switched off an opt-out activity.</summary>
    OptedOut = 1 << 22,
    /// <summary>Denied: the subject objected to this activity (absolute, or no compelling grounds recorded).</summary>
    Objected = 1 << 23,
    /// <summary>Denied: the subject objected to all direct marketing (absolute, Art. 21(3)).</summary>
    ObjectedToDirectMarketing = 1 << 24,
    /// <summary>Denied: a Global Privacy Control signal withdraws marketing and sharing.</summary>
    GlobalPrivacyControl = 1 << 25,

    /// <summary>Every denying reason.</summary>
    DenyMask = 0xFFFF_0000,
}

/// <summary>
/// A decision: the outcome and every reason that applied. Eight bytes, no allocation; <see cref="Explain"/> makes
/// text only when asked.
/// </summary>
public readonly record struct Decision(DecisionOutcome Outcome, DecisionReasons Reasons)
{
    /// <summary>Whether processing is allowed.</summary>
    public bool Allowed => Outcome == DecisionOutcome.Allow;

    /// <summary>The reasons as stable snake_case codes, denying ones first.</summary>
    public IEnumerable<string> Codes => Ordered().Select(r => Policy.Loading.EnumNames.Of(r));

    /// <summary>
    /// The reason codes and the explanation, made once per distinct decision and shared (the decision API answers
    /// with them on every call; there are a few dozen distinct decisions at most).
    /// </summary>
    public DecisionText Text => TextCache.GetOrAdd(this, static d => new DecisionText([.. d.Codes], d.Explain()));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Decision, DecisionText> TextCache = new();

    /// <summary>One line for people: <c>deny: consent was withdrawn; ...</c>.</summary>
    public string Explain()
    {
        var text = new StringBuilder(Allowed ? "allow: " : "deny: ");
        var first = true;
        foreach (var reason in Ordered())
        {
            text.Append(first ? "" : "; ").Append(Describe(reason));
            first = false;
        }

        return text.ToString();
    }

    private IEnumerable<DecisionReasons> Ordered()
    {
        var reasons = Reasons;
        return Enum.GetValues<DecisionReasons>()
            .Where(r => r is not DecisionReasons.None and not DecisionReasons.DenyMask && (reasons & r) == r)
            .OrderBy(r => (r & DecisionReasons.DenyMask) == 0 ? 1 : 0);
    }

    private static string Describe(DecisionReasons reason) => reason switch
    {
        DecisionReasons.Contract => "necessary for a contract with the subject",
        DecisionReasons.LegalObligation => "required by a legal obligation",
        DecisionReasons.VitalInterests => "necessary to protect vital interests",
        DecisionReasons.PublicTask => "necessary for a task in the public interest",
        DecisionReasons.LegitimateInterests => "legitimate interests, and the subject has not objected",
        DecisionReasons.ConsentGiven => "consent given under the current terms, not withdrawn or expired",
        DecisionReasons.NotOptedOut => "the subject has not switched this off",
        DecisionReasons.CompellingGrounds => "the subject objected, but compelling legitimate grounds are recorded",
        DecisionReasons.ExemptFromRestriction => "processing is restricted, but this activity is storage or legal claims",
        DecisionReasons.UnknownActivity => "the policy has no such activity",
        DecisionReasons.Restricted => "processing of the subject's data is restricted",
        DecisionReasons.NoConsent => "the subject has not given consent",
        DecisionReasons.ConsentWithdrawn => "the subject withdrew consent",
        DecisionReasons.ConsentOutdated => "consent was given under terms that changed materially since; fresh consent is required",
        DecisionReasons.ConsentExpired => "consent has expired",
        DecisionReasons.OptedOut => "the subject switched this off",
        DecisionReasons.Objected => "the subject objected to this activity",
        DecisionReasons.ObjectedToDirectMarketing => "the subject objected to direct marketing",
        DecisionReasons.GlobalPrivacyControl => "a Global Privacy Control signal opts the subject out of marketing and sharing",
        _ => reason.ToString(),
    };
}

/// <summary>A decision in words: its reason codes, denying ones first, and one line for people.</summary>
public sealed record DecisionText(System.Collections.Immutable.ImmutableArray<string> Codes, string Explanation);
