using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Pledge.Records;

/// <summary>
/// The record of processing activities a controller keeps under GDPR Art. 30(1), built from a policy: the
/// controller block (Art. 30(1)(a)), one entry per processing activity (Art. 30(1)(b)-(f)) and the general
/// description of security measures (Art. 30(1)(g)). Immutable; the same policy always gives an equal record,
/// with no timestamp of when it was made, so exports are reproducible and diffable.
/// </summary>
/// <param name="Generated">What the record was generated from.</param>
/// <param name="Controller">The controller, its representatives, DPO and joint controllers (Art. 30(1)(a)).</param>
/// <param name="SecurityMeasures">The technical and organisational security measures (Art. 30(1)(g), Art. 32(1)).</param>
/// <param name="Activities">One entry per processing activity, in policy order.</param>
public sealed record RecordOfProcessing(
    RecordMetadata Generated,
    ControllerEntry Controller,
    ImmutableArray<string> SecurityMeasures,
    ImmutableArray<ActivityEntry> Activities)
{
    /// <summary>
    /// Builds the record from a loaded policy. Text is taken in <paramref name="language"/> where the policy
    /// translates it, else in the policy's default language.
    /// </summary>
    /// <param name="policy">A policy without errors, as <c>PolicyLoader.Load</c> hands it out.</param>
    /// <param name="language">A language code such as <c>de</c>; null for the policy's default language.</param>
    public static RecordOfProcessing From(Policy.Model.Policy policy, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new RecordBuilder(policy, language).Build();
    }
}

/// <summary>Where a record comes from: the notice version it describes, so a record can be matched to its notice.</summary>
/// <param name="NoticeVersion">The policy's notice version.</param>
/// <param name="NoticeEffective">The date that notice version took effect.</param>
/// <param name="Language">The language the text is in.</param>
public sealed record RecordMetadata(string NoticeVersion, DateOnly NoticeEffective, string Language);

/// <summary>Name and contact details of the controller and of those who act with or for it (Art. 30(1)(a)).</summary>
/// <param name="Representatives">Representatives under Art. 27 (EU) or UK GDPR Art. 27, by region.</param>
/// <param name="Dpo">The data protection officer, if one is designated.</param>
/// <param name="JointControllers">Every declared party with the role joint_controller.</param>
/// <param name="SupervisoryAuthority">The lead supervisory authority, named for the DPO's convenience.</param>
public sealed record ControllerEntry(
    PartyEntry Party,
    ImmutableArray<RepresentativeEntry> Representatives,
    PartyEntry? Dpo,
    ImmutableArray<JointControllerEntry> JointControllers,
    string SupervisoryAuthority);

/// <summary>A person or organisation with its contact details.</summary>
public sealed record PartyEntry(string Name, string? Registration, string? Address, string? Email, string? Phone, string? Website)
{
    /// <summary>The contact details joined for one line or cell: address, e-mail, phone, website (those given).</summary>
    [JsonIgnore]
    public string Contact => string.Join("; ", new[] { Address, Email, Phone, Website }.Where(s => !string.IsNullOrWhiteSpace(s)));
}

/// <summary>A representative for a region (<c>EU</c>, <c>UK</c>, ...).</summary>
public sealed record RepresentativeEntry(string Region, PartyEntry Party);

/// <summary>A joint controller (Art. 26): its id in the policy, name, what it does and where.</summary>
public sealed record JointControllerEntry(string Id, string Name, string Purpose, ImmutableArray<string> Locations, string? Website);
