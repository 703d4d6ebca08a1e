using System.Collections.Immutable;

namespace Pledge.Records;

/// <summary>
/// One processing activity in the record: the Art. 30(1)(b)-(f) items, plus the lawful basis, source and consent
/// facts a DPO needs beside them. Enum values use the policy's YAML spelling (e.g. <c>legitimate_interests</c>).
/// </summary>
/// <param name="JointControllers">The names of the joint controllers involved in this activity.</param>
/// <param name="Purposes">The purposes of the processing (Art. 30(1)(b)).</param>
/// <param name="LawfulBasisArticle">The GDPR provision of <paramref name="LawfulBasis"/>, e.g. <c>Art. 6(1)(b)</c>.</param>
/// <param name="Article9Condition">The Art. 9(2) condition relied on for special-category data, if any.</param>
/// <param name="Subjects">The categories of data subjects (Art. 30(1)(c)).</param>
/// <param name="Categories">The categories of personal data as the policy lists them (Art. 30(1)(c)).</param>
/// <param name="SpecialCategories">The special categories (Art. 9(1)) the listed categories include.</param>
/// <param name="Recipients">The categories of recipients, processors included (Art. 30(1)(d)).</param>
/// <param name="Transfers">Transfers to third countries with their safeguards (Art. 30(1)(e)).</param>
/// <param name="Retention">The envisaged time limits for erasure (Art. 30(1)(f)).</param>
public sealed record ActivityEntry(
    string Id,
    string Name,
    string? Description,
    ImmutableArray<string> JointControllers,
    ImmutableArray<KeyedName> Purposes,
    string LawfulBasis,
    string LawfulBasisArticle,
    string? LegitimateInterest,
    string? Article9Condition,
    string? Article9Article,
    ImmutableArray<KeyedName> Subjects,
    ImmutableArray<CategoryEntry> Categories,
    ImmutableArray<KeyedName> SpecialCategories,
    SourceEntry Source,
    ImmutableArray<RecipientEntry> Recipients,
    ImmutableArray<TransferEntry> Transfers,
    ImmutableArray<RetentionEntry> Retention,
    ConsentEntry Consent,
    string Objection,
    bool DirectMarketing,
    AutomatedDecisionEntry? AutomatedDecisions,
    ImmutableArray<string> Systems);

/// <summary>A taxonomy entry: its key (<c>user.contact.email</c>) and its name (<c>E-mail address</c>).</summary>
public sealed record KeyedName(string Key, string Name)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name} ({Key})";
}

/// <summary>A category of personal data.</summary>
/// <param name="Special">The category is, or lies below, a special category of Art. 9(1).</param>
/// <param name="Criminal">The category is, or lies below, data on criminal convictions and offences (Art. 10).</param>
public sealed record CategoryEntry(string Key, string Name, bool Special, bool Criminal);

/// <summary>Where the data comes from.</summary>
public sealed record SourceEntry(bool FromSubject, ImmutableArray<string> ThirdParties, bool PubliclyAvailable);

/// <summary>A recipient or category of recipients (Art. 30(1)(d)).</summary>
/// <param name="Kind"><c>internal</c>, <c>processor</c>, <c>third_party</c>, <c>authority</c> or <c>public</c>.</param>
/// <param name="Processor">The declared processor's id, where the recipient is one.</param>
/// <param name="Role">The processor's role (<c>processor</c>, <c>joint_controller</c>, ...), where the recipient is one.</param>
/// <param name="Locations">The places of processing the policy declares for the processor.</param>
/// <param name="ThirdCountries">Those of <paramref name="Locations"/> outside the controller's home (the EEA, or the UK).</param>
/// <param name="Anonymised">The recipient receives anonymised data only.</param>
public sealed record RecipientEntry(
    string Name,
    string Kind,
    string? Processor,
    string? Role,
    ImmutableArray<string> Locations,
    ImmutableArray<string> ThirdCountries,
    bool Anonymised);

/// <summary>A transfer to a third country (Art. 30(1)(e)).</summary>
/// <param name="Country">ISO 3166-1 alpha-2 code of the destination.</param>
/// <param name="Recipient">Who receives the data there, if the policy says.</param>
/// <param name="Safeguard">The safeguard (<c>adequacy</c>, <c>standard_contractual_clauses</c>, ...), null if none is stated.</param>
/// <param name="SafeguardArticle">The GDPR provision of the safeguard, e.g. <c>Art. 46(2)(c)</c>.</param>
/// <param name="Derogation">The transfer relies on an Art. 49 derogation, not on adequacy or appropriate safeguards.</param>
/// <param name="FromProcessorLocation">Derived from a processor's place of processing rather than stated on the activity.</param>
public sealed record TransferEntry(
    string Country,
    string? Recipient,
    string? Safeguard,
    string? SafeguardArticle,
    string? Mechanism,
    bool Derogation,
    bool FromProcessorLocation);

/// <summary>An envisaged time limit for erasure (Art. 30(1)(f)): one retention rule of the activity.</summary>
/// <param name="TimeLimit">The whole rule in words: period, anchor, conditions, action and holds.</param>
/// <param name="Period">The period in the policy's words (<c>13 months</c>), if timed.</param>
/// <param name="PeriodIso">The period in ISO 8601 (<c>P13M</c>), if timed.</param>
/// <param name="Anchor">The timestamp the period counts from (<c>accounts.closed_at</c>), if any.</param>
/// <param name="Trigger">The event that triggers the rule, if any.</param>
/// <param name="Action"><c>delete</c>, <c>anonymise</c> or <c>minimise</c>.</param>
/// <param name="Enforced">Pledge enforces the rule on a table of the data map (otherwise it is a stated rule).</param>
public sealed record RetentionEntry(
    string Id,
    string Description,
    string TimeLimit,
    string? Period,
    string? PeriodIso,
    string? Anchor,
    string? Trigger,
    string? TriggerDescription,
    ImmutableArray<string> Conditions,
    string Action,
    ImmutableArray<string> Fields,
    ImmutableArray<LegalHoldEntry> LegalHolds,
    bool Enforced);

/// <summary>A legal hold that keeps data beyond its retention.</summary>
public sealed record LegalHoldEntry(string Id, string Reason, string? Law, string? Period);

/// <summary>How consent works for the activity.</summary>
/// <param name="Mode"><c>none</c>, <c>opt_in</c> or <c>opt_out</c>.</param>
/// <param name="Lifetime">How long a consent stays valid, if limited.</param>
public sealed record ConsentEntry(string Mode, string? Lifetime, string? Withdrawal, string? Collection);

/// <summary>Automated decision-making including profiling (Art. 22).</summary>
public sealed record AutomatedDecisionEntry(string Logic, string Significance);
