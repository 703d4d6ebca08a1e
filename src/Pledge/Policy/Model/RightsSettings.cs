using System.Collections.Immutable;

namespace Pledge.Policy.Model;

/// <summary>How data-subject requests are handled.</summary>
/// <param name="Response">Time to respond (Art. 12(3): one month).</param>
/// <param name="Extension">Further time where requests are complex or numerous (up to two months).</param>
/// <param name="Approval">Request kinds a privacy officer must approve before they run.</param>
/// <param name="Fee">The fee policy in words (normally free; a reasonable fee for manifestly unfounded or excessive requests).</param>
public sealed record RightsSettings(
    PolicyDuration Response,
    PolicyDuration Extension,
    ImmutableArray<VerificationMethod> Verification,
    ImmutableArray<ContactChannel> Channels,
    LocalizedText Fee,
    ImmutableArray<SubjectRight> Rights,
    ImmutableArray<SubjectRight> Approval);
