namespace Pledge.Diagnostics;

/// <summary>
/// Every rule <c>pledge check</c> applies, by code. Codes are stable: documentation, CI scripts and
/// suppressions refer to them. docs/diagnostics.md lists each with an example; a test keeps the two in step.
/// </summary>
public static class Rules
{
    private const DiagnosticSeverity E = DiagnosticSeverity.Error;
    private const DiagnosticSeverity W = DiagnosticSeverity.Warning;

    // Files and YAML.
    public static readonly DiagnosticRule Unreadable = new("PL001", "File cannot be read or is not UTF-8 text", E, "A policy is text; binary or unreadable input is refused before parsing.");
    public static readonly DiagnosticRule TooLarge = new("PL002", "File too large", E, "Bounds memory and time: a policy file over the limit is refused unread.");
    public static readonly DiagnosticRule YamlSyntax = new("PL003", "Malformed YAML", E, "The file must be valid YAML 1.2.");
    public static readonly DiagnosticRule YamlLimits = new("PL004", "YAML nesting or alias expansion over the limit", E, "Guards against deeply nested documents and alias bombs.");
    public static readonly DiagnosticRule UnknownKey = new("PL005", "Unknown key", E, "A misspelt key would otherwise be silently ignored.");
    public static readonly DiagnosticRule WrongShape = new("PL006", "Wrong kind of value", E, "A mapping, a list or a scalar where another was expected.");
    public static readonly DiagnosticRule InvalidValue = new("PL007", "Invalid value", E, "A value outside the allowed set or of the wrong form.");
    public static readonly DiagnosticRule MissingKey = new("PL008", "Required key missing", E, "Some facts are required by law or by the engines.");
    public static readonly DiagnosticRule InvalidDuration = new("PL009", "Invalid duration", E, "Durations are written as '7 days', '13 months', '4 years' or ISO 8601 'P1Y6M'.");
    public static readonly DiagnosticRule DuplicateId = new("PL010", "Duplicate id", E, "Ids name things across the policy and must be unique.");
    public static readonly DiagnosticRule UnknownReference = new("PL011", "Unknown reference", E, "A reference to a category, purpose, subject, system, table, column, activity, rule, hold or event that is not defined.");
    public static readonly DiagnosticRule IncludeProblem = new("PL012", "Include cannot be resolved", E, "Included files must exist, be inside the policy's folder and not include each other in a cycle.");
    public static readonly DiagnosticRule DuplicateSection = new("PL013", "Section defined twice", E, "A single-valued section (organisation, notice, rights) may appear in only one file.");

    // GDPR rules.
    public static readonly DiagnosticRule NoLawfulBasis = new("PL020", "Activity without a lawful basis", E, "Art. 6(1): every processing needs one of the six lawful bases.");
    public static readonly DiagnosticRule NoLegitimateInterest = new("PL021", "Legitimate interest not stated", E, "Art. 13(1)(d): where the basis is legitimate interests, the interest must be stated.");
    public static readonly DiagnosticRule NoWithdrawalChannel = new("PL022", "Consent without a withdrawal channel", E, "Art. 7(3): withdrawing consent must be as easy as giving it.");
    public static readonly DiagnosticRule NoArticle9Condition = new("PL023", "Special-category data without an Art. 9 condition", E, "Art. 9(1) prohibits special-category processing unless an Art. 9(2) condition applies.");
    public static readonly DiagnosticRule UnsafeTransfer = new("PL024", "Transfer without adequacy or safeguard", E, "Chapter V: transfers outside the EEA/UK need adequacy, appropriate safeguards or a derogation.");
    public static readonly DiagnosticRule NoRetention = new("PL025", "Activity without retention", E, "Art. 5(1)(e) and 13(2)(a): every activity states how long data is kept.");
    public static readonly DiagnosticRule BadAnchor = new("PL026", "Retention anchor missing or not a timestamp", E, "A retention rule counts from a timestamp column the data map declares.");
    public static readonly DiagnosticRule CookieWithoutConsent = new("PL027", "Non-essential cookie without consent", E, "ePrivacy Art. 5(3): only strictly necessary cookies may be set without consent.");
    public static readonly DiagnosticRule CookieTooLong = new("PL028", "Cookie outlives the policy maximum", E, "The policy's maximum cookie lifetime is a promise to visitors.");
    public static readonly DiagnosticRule UncoveredField = new("PL029", "Personal-data field not covered by any activity", E, "Data held for no stated purpose breaches purpose limitation (Art. 5(1)(b)).");
    public static readonly DiagnosticRule UndeclaredProcessor = new("PL030", "Processor used but not declared", E, "Art. 28: every processor is declared with its role, purpose and places of processing.");
    public static readonly DiagnosticRule UnusedProcessor = new("PL031", "Processor declared but unused", W, "A processor no activity uses is probably stale.");
    public static readonly DiagnosticRule UnsafeIdentifier = new("PL032", "Not a plain SQL identifier", E, "Table and column names are quoted, but must also be plain identifiers: an injection guard.");
    public static readonly DiagnosticRule PartialAdequacy = new("PL033", "Adequacy covers only part of the country's recipients", W, "Partial adequacy (US: DPF-certified organisations; Canada: PIPEDA) must be confirmed for the recipient.");
    public static readonly DiagnosticRule HoldWithoutReason = new("PL034", "Retained field or hold without a reason", E, "Keeping data under a legal hold must be justified to the subject.");
    public static readonly DiagnosticRule StrategyMismatch = new("PL035", "Erasure or retention action does not fit the data", E, "Keyed hash or mask on a non-text field, minimise without fields, or erasing a primary key column.");
    public static readonly DiagnosticRule ObjectionMismatch = new("PL036", "Objection setting does not fit the lawful basis", E, "Art. 21: objection applies to legitimate interests and public task; direct marketing objection is absolute.");
    public static readonly DiagnosticRule ExplicitConsentMismatch = new("PL037", "Explicit consent condition without opt-in consent", E, "Art. 9(2)(a) explicit consent needs an opt-in consent mode to record it.");
    public static readonly DiagnosticRule UnreachableTable = new("PL038", "Table not linked to a data subject", W, "A table with personal data but no identity column and no reference cannot be searched for a subject's rights request.");
    public static readonly DiagnosticRule OptOutConsent = new("PL040", "Consent relied on through an opt-out", E, "GDPR consent is an affirmative act (CJEU C-673/17 Planet49): a pre-ticked or opt-out switch is not consent.");
    public static readonly DiagnosticRule NoticeHistory = new("PL039", "Notice version missing from the change log", W, "Art. 13(3): changes are communicated; the change log records each version.");

    // pledge check --connect: the data map against the databases themselves.
    public static readonly DiagnosticRule SystemUnreachable = new("PL050", "System cannot be reached", E, "Each system of the data map must open with the connection string its variable holds, or no request can be answered from it.");
    public static readonly DiagnosticRule MissingTable = new("PL051", "Table missing from the database", E, "A table the data map names but the database lacks makes every request and retention run on it fail.");
    public static readonly DiagnosticRule MissingColumn = new("PL052", "Column missing from the database", E, "A column the data map names but the table lacks makes every query that reads it fail.");
    public static readonly DiagnosticRule UnindexedLookup = new("PL053", "Identity or reference column without an index", W, "Finding a subject's rows looks these columns up; without an index every request scans the whole table.");

    /// <summary>Every rule, in code order.</summary>
    public static IReadOnlyList<DiagnosticRule> All { get; } =
    [
        Unreadable, TooLarge, YamlSyntax, YamlLimits, UnknownKey, WrongShape, InvalidValue, MissingKey, InvalidDuration,
        DuplicateId, UnknownReference, IncludeProblem, DuplicateSection,
        NoLawfulBasis, NoLegitimateInterest, NoWithdrawalChannel, NoArticle9Condition, UnsafeTransfer, NoRetention,
        BadAnchor, CookieWithoutConsent, CookieTooLong, UncoveredField, UndeclaredProcessor, UnusedProcessor,
        UnsafeIdentifier, PartialAdequacy, HoldWithoutReason, StrategyMismatch, ObjectionMismatch,
        ExplicitConsentMismatch, UnreachableTable, NoticeHistory, OptOutConsent,
        SystemUnreachable, MissingTable, MissingColumn, UnindexedLookup,
    ];
}
