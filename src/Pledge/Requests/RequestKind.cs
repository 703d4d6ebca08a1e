namespace Pledge.Requests;

/// <summary>The right a request exercises (GDPR Art. 13-21).</summary>
public enum RequestKind
{
    /// <summary>Art. 15: a copy of the data and the information about its processing.</summary>
    Access,
    /// <summary>Art. 20: the data in a machine-readable format.</summary>
    Portability,
    /// <summary>Art. 16: correct named fields.</summary>
    Rectification,
    /// <summary>Art. 17: erase the data, except what a legal hold keeps.</summary>
    Erasure,
    /// <summary>Art. 18: restrict processing.</summary>
    Restriction,
    /// <summary>Art. 21: object to an activity (or to all direct marketing).</summary>
    Objection,
    /// <summary>Art. 13/14: what the policy says applies to this subject.</summary>
    Information,
}

/// <summary>Where a request is in its lifecycle.</summary>
public enum RequestStatus
{
    /// <summary>Received; the requester's identity is not yet verified.</summary>
    Received,
    /// <summary>Identity verified, ready to run.</summary>
    Verified,
    /// <summary>Identity verified; the policy asks a privacy officer to approve this kind first.</summary>
    AwaitingApproval,
    /// <summary>Being carried out.</summary>
    InProgress,
    /// <summary>Done.</summary>
    Completed,
    /// <summary>Refused, with a <see cref="RejectionReason"/>.</summary>
    Rejected,
}

/// <summary>Why a request was refused: a fixed list, so reports can count them.</summary>
public enum RejectionReason
{
    /// <summary>The requester could not prove they are the subject (Art. 12(6)).</summary>
    IdentityNotVerified,
    /// <summary>Manifestly unfounded (Art. 12(5)).</summary>
    ManifestlyUnfounded,
    /// <summary>Excessive, in particular repetitive (Art. 12(5)).</summary>
    Excessive,
    /// <summary>The subject withdrew the request.</summary>
    WithdrawnBySubject,
    /// <summary>The same request is already open.</summary>
    Duplicate,
    /// <summary>An exemption in law applies (Art. 17(3), 23).</summary>
    LegalExemption,
    /// <summary>The right does not apply to this processing (e.g. portability of data not processed on consent or contract).</summary>
    RightNotApplicable,
}

/// <summary>Why the deadline was extended (Art. 12(3)).</summary>
public enum ExtensionReason
{
    /// <summary>The request is complex.</summary>
    Complexity,
    /// <summary>The controller has received many requests.</summary>
    NumberOfRequests,
}
