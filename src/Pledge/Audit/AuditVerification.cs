namespace Pledge.Audit;

/// <summary>How the audit log is broken, if it is.</summary>
public enum AuditBreak
{
    /// <summary>Every entry follows from the one before; the head matches the last entry.</summary>
    None,
    /// <summary>An entry's hash does not match its content and the entry before it: edited, or moved.</summary>
    Edited,
    /// <summary>A sequence number is missing: entries were removed.</summary>
    Missing,
    /// <summary>The log ends before the head says it does: entries at the end were removed.</summary>
    Truncated,
    /// <summary>The head records a different hash than the last entry's.</summary>
    HeadMismatch,
}

/// <summary>The result of verifying the audit log.</summary>
/// <param name="Entries">Entries checked.</param>
/// <param name="HeadSequence">The sequence of the last entry according to the head.</param>
/// <param name="HeadHash">The head's hash, hex: keep it somewhere else to detect a rewrite of the whole log.</param>
/// <param name="Break">What is broken, or <see cref="AuditBreak.None"/>.</param>
/// <param name="BrokenAt">The sequence of the first broken link, or null.</param>
/// <param name="Message">One sentence on the break, or null.</param>
public sealed record AuditVerification(long Entries, long HeadSequence, string HeadHash, AuditBreak Break, long? BrokenAt, string? Message)
{
    /// <summary>Whether the log is intact.</summary>
    public bool Intact => Break == AuditBreak.None;
}
