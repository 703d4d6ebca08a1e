namespace Pledge.Audit;

/// <summary>
/// One line of the audit log: who did what, on which subject. The log adds the sequence, the time and the hash.
/// Hold no personal data here: the subject is a <see cref="Pseudonym"/>, and <paramref name="Detail"/> names ids,
/// counts and codes, never a subject's data.
/// </summary>
/// <param name="Actor">Who: <c>subject</c>, <c>staff:jo</c>, <c>api:crm-sync</c>, <c>pledge</c>.</param>
/// <param name="Action">What, as a stable dotted code: <c>consent.given</c>, <c>request.erasure.completed</c>.</param>
/// <param name="Subject">On whom, as a keyed pseudonym; null for actions on no one subject.</param>
/// <param name="Detail">Ids and counts that make the entry useful, e.g. <c>event 42; activity newsletter</c>.</param>
public sealed record AuditEntry(string Actor, string Action, Pseudonym? Subject, string? Detail);

/// <summary>A stored audit entry with its place in the chain.</summary>
/// <param name="Sequence">1-based, without gaps.</param>
/// <param name="At">When it was appended.</param>
/// <param name="Hash">SHA-256 over the previous entry's hash and this entry's canonical encoding.</param>
public sealed record AuditRecordView(long Sequence, DateTimeOffset At, string Actor, string Action, string? Subject, string? Detail, byte[] Hash);
