using System.Collections.Immutable;
using Pledge.Connectors.Locating;

namespace Pledge.Requests;

/// <summary>A data-subject request as stored: who, what, and where it is in its lifecycle.</summary>
/// <param name="Subject">The identifier the request was made under; after an erasure, a keyed pseudonym.</param>
/// <param name="ContactEmail">Where the one-time code and the answer go; null after an erasure.</param>
/// <param name="Details">Fields to rectify and the activity objected to.</param>
/// <param name="Due">One month after receipt (the policy's <c>rights.response</c>), plus any extension.</param>
/// <param name="Result">A summary of what was done (counts, never data), once completed.</param>
public sealed record DataRequest(
    long Id,
    RequestKind Kind,
    RequestStatus Status,
    SubjectIdentifier Subject,
    string? ContactEmail,
    RequestDetails Details,
    DateTimeOffset ReceivedAt,
    DateTimeOffset Due,
    DateTimeOffset? ExtendedAt,
    ExtensionReason? Extension,
    string? ExtensionNote,
    DateTimeOffset? VerifiedAt,
    DateTimeOffset? ApprovedAt,
    string? ApprovedBy,
    DateTimeOffset? StartedAt,
    DateTimeOffset? ClosedAt,
    RejectionReason? Rejection,
    string? RejectionNote,
    string? Result,
    bool Pseudonymised)
{
    /// <summary>An erasure's systems that have committed, with what was done in each; empty until one has.</summary>
    public ImmutableArray<Erasure.SystemOutcome> CommittedSystems { get; init; } = [];

    /// <summary>Whether the request is still to be answered.</summary>
    public bool IsOpen => Status is not (RequestStatus.Completed or RequestStatus.Rejected);

    /// <summary>Whether the request is open past its due date at <paramref name="now"/>.</summary>
    public bool IsOverdue(DateTimeOffset now) => IsOpen && now > Due;

    /// <summary>Whether the request is open and due within <paramref name="window"/> of <paramref name="now"/> (not yet overdue).</summary>
    public bool IsDueSoon(DateTimeOffset now, TimeSpan window) => IsOpen && now <= Due && Due - now <= window;
}

/// <summary>What a request asks beyond its kind.</summary>
/// <param name="Changes">Rectification: <c>system.table.column</c> to the corrected value.</param>
/// <param name="Activity">Objection or restriction: the activity concerned; null for all direct marketing (objection) or all processing (restriction).</param>
public sealed record RequestDetails(ImmutableSortedDictionary<string, string>? Changes = null, string? Activity = null)
{
    /// <summary>No details.</summary>
    public static RequestDetails None { get; } = new();
}

/// <summary>A new request as received.</summary>
public sealed record RequestSubmission(RequestKind Kind, SubjectIdentifier Subject, string? ContactEmail, RequestDetails? Details = null);
