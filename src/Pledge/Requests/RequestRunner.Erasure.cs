using System.Globalization;
using Pledge.Connectors.Locating;
using Pledge.Consent;
using Pledge.Erasure;
using Pledge.Storage;

namespace Pledge.Requests;

public sealed partial class RequestRunner
{
    private async Task<RunOutcome> EraseAsync(DataRequest request, string actor, bool dryRun, CancellationToken cancellationToken)
    {
        // Systems an earlier run committed stay as they are: erased once, counted once, reported as done earlier.
        var done = request.CommittedSystems;
        var rows = await LocateAsync(request, LocateMode.KeysOnly, cancellationToken).ConfigureAwait(false);
        var plan = ErasurePlanner.Plan(_desk.Policy, _graph, rows).Without(done.Select(s => s.SystemId).ToHashSet(StringComparer.Ordinal));
        var eraser = new SubjectEraser(_connectors, _erasureKey)
        {
            BeforeStatement = BeforeErasureStatement,
            Committed = dryRun ? null : (system, ct) => RecordCommittedAsync(request, system, actor, ct),
        };
        var run = await eraser.ExecuteAsync(plan, dryRun, cancellationToken).ConfigureAwait(false);
        var order = _desk.Policy.Systems.Select(s => s.Id).ToList();
        var report = run with { Systems = [.. done.Concat(run.Systems).OrderBy(s => order.IndexOf(s.SystemId))] };
        var summary = Summary(report);
        if (dryRun)
        {
            await _desk.Store.WriteAsync((tx, ct) =>
            {
                tx.Audit(new Audit.AuditEntry(actor, "request.erasure.dry_run", _desk.Pseudonyms.Identifier(request.Subject.Kind, request.Subject.Value),
                    "request " + request.Id.ToString(CultureInfo.InvariantCulture) + "; " + summary));
                return Task.CompletedTask;
            }, cancellationToken).ConfigureAwait(false);
            return new RunOutcome(RequestResult.Ok(request), report, null);
        }

        if (!report.Complete)
        {
            var failed = report.Systems.Where(s => !s.Committed).Select(s => $"{s.SystemId}: {s.Error}").Concat(report.Unsearched.Select(u => $"{u}: not searched"));
            return await FailAsync(request, actor, "erasure incomplete, " + summary + "; " + string.Join("; ", failed), cancellationToken, report).ConfigureAwait(false);
        }

        var result = await CompleteAsync(request, actor, summary, (tx, r, ct) => PseudonymiseAsync(tx, r, actor, ct), cancellationToken).ConfigureAwait(false);
        return new RunOutcome(result, report, null);
    }

    /// <summary>Records <paramref name="system"/> as committed, audited, as soon as it has: a later failure does not undo it.</summary>
    private async Task RecordCommittedAsync(DataRequest request, SystemOutcome system, string actor, CancellationToken cancellationToken)
    {
        var changed = system.Tables.Where(t => t.Action != TableAction.Retain).Sum(t => t.Changed);
        var result = await _desk.TransitionAsync(request.Id, [RequestStatus.InProgress], actor, "request.erasure.system_committed",
            $"system {system.SystemId}; {changed.ToString(CultureInfo.InvariantCulture)} rows changed", (r, now) =>
                ("erasure_done = @done", [("@done", ErasureProgress.Format(r.CommittedSystems.Where(s => s.SystemId != system.SystemId).Append(system)))]),
            cancellationToken).ConfigureAwait(false);
        if (result.Error is { } error)
        {
            throw new InvalidOperationException($"request {request.Id}: system {system.SystemId} committed but could not be recorded: {error.Message}");
        }
    }

    /// <summary>
    /// In the completing transaction: the ledger erases the subject (identifiers become keyed pseudonyms, events stay as
    /// proof), and every request made under the identifier keeps only its pseudonym.
    /// </summary>
    private async Task PseudonymiseAsync(StoreTransaction tx, DataRequest request, string actor, CancellationToken cancellationToken)
    {
        var pseudonym = _desk.Pseudonyms.Identifier(request.Subject.Kind, request.Subject.Value);
        if (Consent.SubjectIdentifier.Create(request.Subject.Kind, request.Subject.Value).Identifier is { } ledgerId
            && await SubjectDirectory.FindAsync(tx, ledgerId, null, cancellationToken).ConfigureAwait(false) is { Erased: false } subject)
        {
            var version = _ledger.Versions.Latest?.Version ?? _desk.Policy.Notice.Version;
            var evidence = new Evidence(tx.Store.Time.GetUtcNow(), version, EvidenceChannel.Api, actor, "request:" + request.Id.ToString(CultureInfo.InvariantCulture) + ":erasure");
            await SubjectDirectory.EraseAsync(tx, subject.SubjectId, evidence, _desk.Pseudonyms, cancellationToken).ConfigureAwait(false);
        }

        using var command = tx.Command("UPDATE requests SET identifier_value = @ps, contact_email = NULL, pseudonymised = 1 WHERE identifier_kind = @kind AND identifier_value = @value")
            .With("@ps", pseudonym.Value).With("@kind", request.Subject.Kind).With("@value", request.Subject.Value);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counts only: the result and the audit never hold the subject's data.</summary>
    private static string Summary(ErasureReport report)
    {
        var holds = report.Systems.SelectMany(s => s.Tables).SelectMany(t => t.Retained.Select(r => r.Hold)).Distinct(StringComparer.Ordinal).ToList();
        return (report.DryRun ? "would delete " : "deleted ") + report.Deleted.ToString(CultureInfo.InvariantCulture) + " rows, " +
            (report.DryRun ? "anonymise " : "anonymised ") + report.Anonymised.ToString(CultureInfo.InvariantCulture) + " rows, retained " +
            report.Retained.ToString(CultureInfo.InvariantCulture) + " rows" + (holds.Count > 0 ? " (holds: " + string.Join(", ", holds) + ")" : "");
    }
}
