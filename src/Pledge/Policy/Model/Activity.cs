using System.Collections.Immutable;
using Pledge.Diagnostics;

namespace Pledge.Policy.Model;

/// <summary>
/// A processing activity: one thing the organisation does with personal data, for stated purposes, on a
/// lawful basis, for a stated time. The unit of the notice, the Art. 30 record and every decision.
/// </summary>
public sealed record Activity(
    string Id,
    LocalizedText Name,
    LocalizedText? Description,
    ImmutableArray<string> Purposes,
    LawfulBasis Basis,
    LocalizedText? LegitimateInterest,
    Article9Condition? Article9,
    ImmutableArray<string> Subjects,
    ImmutableArray<string> Categories,
    ImmutableArray<string> Systems,
    DataSource Source,
    Provision Provision,
    ImmutableArray<Recipient> Recipients,
    ImmutableArray<string> Processors,
    ImmutableArray<Transfer> Transfers,
    ImmutableArray<string> Retention,
    ConsentSettings Consent,
    ObjectionRule Objection,
    bool DirectMarketing,
    bool Sharing,
    AutomatedDecision? AutomatedDecisions,
    LocalizedText? NoticeAtCollection,
    SourceLocation At);

/// <summary>Where the data comes from (Art. 14(2)(f)).</summary>
/// <param name="FromSubject">Collected from the subject.</param>
/// <param name="ThirdParties">Named third-party sources, if any.</param>
/// <param name="PubliclyAvailable">Whether a third-party source is publicly accessible.</param>
public sealed record DataSource(bool FromSubject, ImmutableArray<LocalizedText> ThirdParties, bool PubliclyAvailable);

/// <summary>Whether providing the data is required, and what happens if it is not (Art. 13(2)(e)).</summary>
public sealed record Provision(ProvisionRequirement Requirement, LocalizedText? Consequence);

/// <summary>Who receives the data (Art. 13(1)(e)).</summary>
/// <param name="Kind"><c>internal</c>, <c>processor</c>, <c>third_party</c> or <c>authority</c>.</param>
/// <param name="Anonymised">The recipient receives only anonymised data (e.g. research partners).</param>
/// <param name="Processor">The declared processor this recipient is, if it is one.</param>
public sealed record Recipient(LocalizedText Name, string Kind, bool Anonymised, string? Processor, SourceLocation At);

/// <summary>A transfer to a country outside the EEA/UK and what makes it lawful (Art. 13(1)(f), 44-49).</summary>
/// <param name="Country">ISO 3166-1 alpha-2 code of the destination.</param>
/// <param name="Recipient">The processor that receives the data, if one.</param>
/// <param name="Safeguard">Adequacy or the safeguard relied on; null is reported by PL024.</param>
/// <param name="Mechanism">Free text naming the instrument (e.g. "EU-US Data Privacy Framework").</param>
public sealed record Transfer(string Country, string? Recipient, TransferSafeguard? Safeguard, LocalizedText? Mechanism, SourceLocation At);

/// <summary>How consent is given and withdrawn for an activity.</summary>
/// <param name="Withdrawal">How the subject withdraws (Art. 7(3)): required when <see cref="Mode"/> is not none.</param>
/// <param name="Lifetime">How long a consent stays valid before it must be asked again.</param>
/// <param name="Collection">How and where consent is asked (e.g. "verbally at the start of the call").</param>
public sealed record ConsentSettings(ConsentMode Mode, LocalizedText? Withdrawal, PolicyDuration? Lifetime, LocalizedText? Collection)
{
    /// <summary>No consent involved.</summary>
    public static ConsentSettings None { get; } = new(ConsentMode.None, null, null, null);
}

/// <summary>Automated decision-making including profiling (Art. 22, 13(2)(f)).</summary>
public sealed record AutomatedDecision(LocalizedText Logic, LocalizedText Significance);
