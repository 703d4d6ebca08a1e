using System.Data.Common;
using System.Globalization;
using Pledge.Connectors;
using Pledge.Connectors.Graph;
using Pledge.Connectors.Locating;
using Pledge.Consent;
using Pledge.Erasure;
using Pledge.Requests.Export;
using Pledge.Storage;

namespace Pledge.Requests;

/// <summary>
/// Carries out a verified (and, where required, approved) request against the organisation's databases and the
/// consent ledger, then completes it: erasure through <see cref="SubjectEraser"/> with the ledger's pseudonymised proof,
/// access and portability as an <see cref="AccessExport"/>, rectification of named fields, restriction and objection as
/// ledger events (so decisions honour them at once), and the right to be informed as a <see cref="SubjectDisclosure"/>.
/// A request that fails midway stays in progress with the failure audited, and can be run again.
/// </summary>
public sealed partial class RequestRunner
{
    private readonly RequestDesk _desk;
    private readonly IReadOnlyList<Connector> _connectors;
    private readonly ErasureKey _erasureKey;
    private readonly ConsentLedger _ledger;
    private readonly SubjectGraphPlan _graph;

    /// <summary>Creates a runner over the systems <paramref name="connectors"/> reach.</summary>
    public RequestRunner(RequestDesk desk, IEnumerable<Connector> connectors, ErasureKey erasureKey, ConsentLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(connectors);
        ArgumentNullException.ThrowIfNull(erasureKey);
        ArgumentNullException.ThrowIfNull(ledger);
        _desk = desk;
        _connectors = [.. connectors];
        _erasureKey = erasureKey;
        _ledger = ledger;
        _graph = SubjectGraphPlan.Build(desk.Policy);
    }

    /// <summary>
    /// Removes third parties' data from exports. Null (the default) uses the redaction engine through a
    /// <see cref="SubjectAwareRedactor"/> built for each request; <see cref="ThirdPartyRedactor.None"/> exports text as held.
    /// </summary>
    public ThirdPartyRedactor? Redactor { get; init; }

    /// <summary>Sees each erasure statement before it runs: tests inject failures with it.</summary>
    internal Action<ErasureStatement>? BeforeErasureStatement { get; init; }

    /// <summary>
    /// Runs request <paramref name="id"/>. An access or portability request needs <paramref name="export"/>, the stream the
    /// zip is written to. With <paramref name="dryRun"/> (erasure only) nothing changes and the report says what would.
    /// </summary>
    public async Task<RunOutcome> RunAsync(long id, string actor, Stream? export = null, bool dryRun = false, string? language = null, CancellationToken cancellationToken = default)
    {
        var request = await _desk.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (request is null)
        {
            return Failed(RequestErrorKind.NotFound, $"no request {id}");
        }

        // A dry run changes nothing, so the approver may see it before approving.
        if (request.Status is not (RequestStatus.Verified or RequestStatus.InProgress) && !(dryRun && request.Status == RequestStatus.AwaitingApproval))
        {
            return Failed(RequestErrorKind.WrongStatus, request.Status == RequestStatus.AwaitingApproval
                ? $"request {id} awaits approval"
                : $"request {id} is {RequestDesk.Name(request.Status)}; only a verified request runs");
        }

        if (request.Kind is RequestKind.Access or RequestKind.Portability && export is null)
        {
            return Failed(RequestErrorKind.InvalidInput, "an access or portability request is answered with an export: give the file to write");
        }

        if (dryRun)
        {
            if (request.Kind != RequestKind.Erasure)
            {
                return Failed(RequestErrorKind.InvalidInput, "only an erasure has a dry run");
            }

            try
            {
                return await EraseAsync(request, actor, dryRun: true, cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e) when (!cancellationToken.IsCancellationRequested)
            {
                return Failed(RequestErrorKind.SystemFailed, "a database failed: " + e.Message);
            }
        }

        if (request.Status == RequestStatus.Verified)
        {
            var started = await _desk.TransitionAsync(id, [RequestStatus.Verified], actor, "request.started", "kind " + RequestDesk.Name(request.Kind), (r, now) =>
                ("status = @status, started_at = @now", [("@status", nameof(RequestStatus.InProgress)), ("@now", StoreTime.ToMicros(now))]), cancellationToken).ConfigureAwait(false);
            if (started.Request is null)
            {
                return new RunOutcome(started, null, null);
            }

            request = started.Request;
        }

        try
        {
            return request.Kind switch
            {
                RequestKind.Erasure => await EraseAsync(request, actor, dryRun: false, cancellationToken).ConfigureAwait(false),
                RequestKind.Access or RequestKind.Portability => await ExportAsync(request, export!, actor, language, cancellationToken).ConfigureAwait(false),
                RequestKind.Rectification => await RectifyAsync(request, actor, cancellationToken).ConfigureAwait(false),
                RequestKind.Restriction or RequestKind.Objection => await RecordInLedgerAsync(request, actor, cancellationToken).ConfigureAwait(false),
                _ => await InformAsync(request, actor, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (DbException e) when (!cancellationToken.IsCancellationRequested)
        {
            // A system of the data map failed while its rows were read (each system's writes are caught per system).
            return await FailAsync(request, actor, "a database failed: " + e.Message, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<SubjectRows> LocateAsync(DataRequest request, LocateMode mode, CancellationToken cancellationToken) =>
        await new SubjectLocator(_graph, _connectors).FindAsync([request.Subject], mode, cancellationToken).ConfigureAwait(false);

    private async Task<RunOutcome> ExportAsync(DataRequest request, Stream export, string actor, string? language, CancellationToken cancellationToken)
    {
        var rows = await LocateAsync(request, LocateMode.Values, cancellationToken).ConfigureAwait(false);
        if (!rows.Unsearched.IsEmpty)
        {
            return await FailAsync(request, actor, $"systems not searched: {string.Join(", ", rows.Unsearched)}", cancellationToken).ConfigureAwait(false);
        }

        var redactor = Redactor ?? SubjectAwareRedactor.ForSubject(rows, request.Subject.Value);
        await AccessExport.WriteAsync(export, request, _desk.Policy, rows, redactor, _desk.Store.Time.GetUtcNow(), language, cancellationToken).ConfigureAwait(false);
        var summary = $"exported {rows.RowCount} rows from {rows.Tables.Length} tables";
        return new RunOutcome(await CompleteAsync(request, actor, summary, null, cancellationToken).ConfigureAwait(false), null, SubjectDisclosure.Build(_desk.Policy, rows));
    }

    private async Task<RunOutcome> InformAsync(DataRequest request, string actor, CancellationToken cancellationToken)
    {
        var rows = await LocateAsync(request, LocateMode.Values, cancellationToken).ConfigureAwait(false);
        var disclosure = SubjectDisclosure.Build(_desk.Policy, rows);
        var summary = $"{disclosure.Activities.Length} activities apply, from {disclosure.Held.Length} categories held";
        return new RunOutcome(await CompleteAsync(request, actor, summary, null, cancellationToken).ConfigureAwait(false), null, disclosure);
    }

    private async Task<RunOutcome> RecordInLedgerAsync(DataRequest request, string actor, CancellationToken cancellationToken)
    {
        var subject = Consent.SubjectIdentifier.Create(request.Subject.Kind, request.Subject.Value);
        if (subject.Identifier is null)
        {
            return await FailAsync(request, actor, subject.Error ?? "the identifier is not valid for the ledger", cancellationToken).ConfigureAwait(false);
        }

        var kind = request.Kind == RequestKind.Restriction ? LedgerEventKind.RestrictionPlaced : LedgerEventKind.Objection;
        var now = _desk.Store.Time.GetUtcNow();
        var version = _ledger.Versions.Latest?.Version ?? _desk.Policy.Notice.Version;
        var e = new LedgerEvent(subject.Identifier, kind, request.Details.Activity,
            new Evidence(now, version, EvidenceChannel.Api, actor, "request:" + request.Id.ToString(CultureInfo.InvariantCulture)));
        string? refused = null;
        var result = await CompleteAsync(request, actor, $"{RequestDesk.Name(kind)} recorded" + (request.Details.Activity is { } a ? " for " + a : ""), async (tx, _, ct) =>
        {
            var written = await _ledger.WriteAsync(tx, [e], ct).ConfigureAwait(false);
            refused = written[0].Error?.ToString();
        }, cancellationToken).ConfigureAwait(false);
        return refused is null ? new RunOutcome(result, null, null) : Failed(RequestErrorKind.InvalidInput, "the ledger refused the event: " + refused);
    }

    private async Task<RequestResult> CompleteAsync(DataRequest request, string actor, string summary, Func<StoreTransaction, DataRequest, CancellationToken, Task>? also, CancellationToken cancellationToken) =>
        await _desk.TransitionAsync(request.Id, [RequestStatus.InProgress], actor, "request.completed", summary, (r, now) =>
            ("status = @status, closed_at = @now, result = @result", [("@status", nameof(RequestStatus.Completed)), ("@now", StoreTime.ToMicros(now)), ("@result", summary)]),
            cancellationToken, also).ConfigureAwait(false);

    /// <summary>Records a failure on a request that stays in progress, and reports it.</summary>
    private async Task<RunOutcome> FailAsync(DataRequest request, string actor, string message, CancellationToken cancellationToken, ErasureReport? erasure = null)
    {
        await _desk.TransitionAsync(request.Id, [RequestStatus.InProgress], actor, "request.failed", message.Length > 300 ? message[..300] : message, (r, now) =>
            ("result = @result", [("@result", message)]), cancellationToken).ConfigureAwait(false);
        return new RunOutcome(new RequestResult(null, new RequestError(RequestErrorKind.SystemFailed, message)), erasure, null);
    }

    private static RunOutcome Failed(RequestErrorKind kind, string message) => new(new RequestResult(null, new RequestError(kind, message)), null, null);
}

/// <summary>What running a request did: the request after it (or the error), and the erasure report or disclosure when there is one.</summary>
public sealed record RunOutcome(RequestResult Result, ErasureReport? Erasure, SubjectDisclosure? Disclosure);
