namespace Pledge.Diff;

/// <summary>Why a change is material or editorial: the <see cref="PolicyChange.Reason"/> texts, stable across versions.</summary>
public static class Reasons
{
    // Material: subjects must be notified.

    /// <summary>A new activity.</summary>
    public const string NewActivity = "a new processing activity subjects were not told about (Art. 13(3))";
    /// <summary>A new purpose on an activity.</summary>
    public const string NewPurpose = "data is used for a purpose subjects were not told about (Art. 5(1)(b), 13(3))";
    /// <summary>A different lawful basis or Art. 9 condition.</summary>
    public const string LawfulBasis = "the processing rests on a different legal ground (Art. 6(1), 9(2), 13(1)(c))";
    /// <summary>A new kind of data subject.</summary>
    public const string NewSubjects = "data about people the activity did not cover before";
    /// <summary>A new category of personal data.</summary>
    public const string NewData = "more kinds of personal data are processed than subjects were told (Art. 5(1)(c), 13(3))";
    /// <summary>Special-category data where there was none.</summary>
    public const string SpecialData = "special-category data is processed that was not before (Art. 9)";
    /// <summary>A new source of the data.</summary>
    public const string NewSource = "data is obtained from a source subjects were not told about (Art. 14(2)(f))";
    /// <summary>A new recipient or processor, or one that now receives more.</summary>
    public const string NewRecipient = "personal data goes to a recipient, or of a kind, subjects were not told about (Art. 13(1)(e))";
    /// <summary>A recipient that now decides for itself.</summary>
    public const string RecipientRole = "the recipient now decides for itself what is done with the data";
    /// <summary>A new third-country destination.</summary>
    public const string NewTransfer = "personal data goes to a country outside the EEA/UK subjects were not told about (Art. 13(1)(f))";
    /// <summary>A weaker or missing transfer safeguard.</summary>
    public const string WeakerSafeguard = "a transfer is less protected than subjects were told (GDPR Chapter V)";
    /// <summary>Data kept longer.</summary>
    public const string LongerRetention = "data is kept longer than subjects were told (Art. 5(1)(e), 13(2)(a))";
    /// <summary>A retention change that cannot be shown not to be longer.</summary>
    public const string UncomparableRetention = "the new time limit cannot be shown to be no longer than the old one, so it is treated as longer (Art. 13(2)(a))";
    /// <summary>Consent asked less strictly, or valid longer.</summary>
    public const string LooserConsent = "consent is asked less strictly, or lasts longer, than subjects agreed to (Art. 7)";
    /// <summary>A weaker right to object.</summary>
    public const string WeakerObjection = "subjects can object less effectively than they were told (Art. 21)";
    /// <summary>Direct marketing, or sharing, where there was none.</summary>
    public const string NewUse = "the data is now used for direct marketing or shared for others' own purposes (Art. 21(2), 13(1)(e))";
    /// <summary>Automated decision-making where there was none.</summary>
    public const string AutomatedDecisions = "decisions with legal or similarly significant effects are now automated (Art. 22, 13(2)(f))";
    /// <summary>A different controller.</summary>
    public const string Controller = "a different controller is responsible for the data (Art. 13(1)(a)); every activity is affected";
    /// <summary>A new non-essential cookie or a cookie that now needs consent.</summary>
    public const string NewCookie = "a cookie that is not strictly necessary is new, or newly non-essential: visitors must be asked again (ePrivacy Art. 5(3))";
    /// <summary>A cookie kept longer or read by another party.</summary>
    public const string LongerCookie = "a cookie lasts longer, or goes to another party, than visitors agreed to";

    // Editorial: no notification needed.

    /// <summary>Wording or translations only.</summary>
    public const string Wording = "wording or translation only; what is done with the data is unchanged";
    /// <summary>Less processing.</summary>
    public const string Narrowing = "narrows processing: less data, fewer purposes, recipients or places, or shorter retention";
    /// <summary>A stricter setting.</summary>
    public const string Stricter = "a stricter setting that protects subjects more than before";
    /// <summary>A retention rule that keeps data no longer than before.</summary>
    public const string NotLonger = "keeps data no longer than before";
    /// <summary>The same duration written differently.</summary>
    public const string SameLength = "the same length written differently";
    /// <summary>A renamed party.</summary>
    public const string Renamed = "a name change; if this is a different company, declare it under a new id so it is reported as a new recipient";
    /// <summary>Another appropriate safeguard of the same standing.</summary>
    public const string SameSafeguardTier = "another appropriate safeguard of the same standing (Art. 46)";
    /// <summary>A strictly necessary cookie.</summary>
    public const string EssentialCookie = "a strictly necessary cookie needs no consent (ePrivacy Art. 5(3)); the cookie list is updated";
    /// <summary>Within the EEA/UK.</summary>
    public const string NoTransfer = "a place inside the EEA/UK: no transfer";
    /// <summary>Notice metadata.</summary>
    public const string NoticeMetadata = "notice metadata: version, dates, history, languages, how changes are announced";
    /// <summary>Contact details and representatives.</summary>
    public const string Contacts = "contact details, representatives or the authority: who to reach, not what is done with the data";
    /// <summary>The data map.</summary>
    public const string DataMap = "the data map says where data lives; what subjects are told is compared on the activities";
    /// <summary>Taxonomy and event vocabulary.</summary>
    public const string Vocabulary = "vocabulary only; what each activity processes is compared on the activity";
    /// <summary>Security measures and rights handling.</summary>
    public const string Operations = "security measures or request handling; not a term of the processing itself";
    /// <summary>Not used by any continuing activity.</summary>
    public const string Unused = "used by no activity of both versions";
}
