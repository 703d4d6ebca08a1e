using System.Globalization;
using Pledge.Audit;
using Pledge.Policy.Model;
using Pledge.Requests.Email;
using Pledge.Storage;

namespace Pledge.Requests;

/// <summary>
/// The lifecycle of data-subject requests in the own store: received → identity verified → (awaiting approval, for the
/// kinds the policy's <c>rights.approval</c> lists) → in progress → completed, or rejected with a
/// <see cref="RejectionReason"/>. Due one month after receipt (<c>rights.response</c>), extendable once by up to
/// <c>rights.extension</c> with an <see cref="ExtensionReason"/>. Every transition is one store transaction with its
/// audit entry, whose subject is the keyed pseudonym of the request's identifier. No UI: the CLI and the server call it.
/// Expected refusals are <see cref="RequestResult"/> values; store failures throw <see cref="StoreException"/>.
/// </summary>
public sealed partial class RequestDesk
{
    private readonly OwnStore _store;
    private readonly Policy.Model.Policy _policy;
    private readonly PseudonymKey _key;
    private readonly Pseudonymizer _pseudonyms;
    private readonly EmailSender? _email;

    /// <summary>Creates the desk. Without <paramref name="email"/>, codes are not sent and verification is by staff only.</summary>
    public RequestDesk(OwnStore store, Policy.Model.Policy policy, PseudonymKey key, EmailSender? email)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(key);
        _store = store;
        _policy = policy;
        _key = key;
        _pseudonyms = new Pseudonymizer(key);
        _email = email;
    }

    /// <summary>The policy the desk answers under.</summary>
    public Policy.Model.Policy Policy => _policy;

    /// <summary>The own store.</summary>
    public OwnStore Store => _store;

    /// <summary>The keyed pseudonyms used in the audit log.</summary>
    public Pseudonymizer Pseudonyms => _pseudonyms;

    private DateTimeOffset Now => _store.Time.GetUtcNow();

    /// <summary>
    /// Records a new request, due <c>rights.response</c> after now; when it has a contact address and a sender is
    /// configured, sends a one-time code to it. Invalid details (a rectification of a field the data map does not know,
    /// a value that does not fit its category, an unknown activity) are refused.
    /// </summary>
    public Task<RequestResult> SubmitAsync(RequestSubmission submission, string actor, CancellationToken cancellationToken = default) =>
        SubmitAsync(submission, actor, null, cancellationToken);

    /// <summary>
    /// As <see cref="SubmitAsync(RequestSubmission, string, CancellationToken)"/>; the code e-mail also carries the link
    /// <paramref name="statusLink"/> makes of the new request's id, where the person can follow the request.
    /// </summary>
    public async Task<RequestResult> SubmitAsync(RequestSubmission submission, string actor, Func<long, string>? statusLink, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var details = submission.Details ?? RequestDetails.None;
        if (Validate(submission.Kind, details) is { } invalid)
        {
            return RequestResult.Fail(RequestErrorKind.InvalidInput, invalid);
        }

        if (submission.ContactEmail is { } email && !FieldValidation.IsEmail(email))
        {
            return RequestResult.Fail(RequestErrorKind.InvalidInput, "the contact address is not an e-mail address");
        }

        var now = Now;
        var id = await _store.WriteAsync(async (tx, ct) =>
        {
            using var command = tx.Command(
                "INSERT INTO requests (kind, status, identifier_kind, identifier_value, contact_email, details, received_at, due_at) " +
                "VALUES (@kind, @status, @ikind, @ivalue, @email, @details, @at, @due) RETURNING id")
                .With("@kind", submission.Kind.ToString()).With("@status", nameof(RequestStatus.Received))
                .With("@ikind", submission.Subject.Kind).With("@ivalue", submission.Subject.Value)
                .With("@email", submission.ContactEmail is null ? null : Connectors.Locating.SubjectIdentifier.Normalize("email", submission.ContactEmail))
                .With("@details", RequestRows.FormatDetails(details))
                .With("@at", StoreTime.ToMicros(now)).With("@due", StoreTime.ToMicros(_policy.Rights.Response.AddTo(now)));
            var id = await command.ScalarLongAsync(ct).ConfigureAwait(false);
            tx.Audit(Entry(actor, "request.received", submission.Subject, id, $"kind {Name(submission.Kind)}"));
            return id;
        }, cancellationToken).ConfigureAwait(false);

        if (submission.ContactEmail is not null && _email is not null)
        {
            var sent = await SendCodeAsync(id, actor, statusLink?.Invoke(id), cancellationToken).ConfigureAwait(false);
            if (!sent.Succeeded)
            {
                return sent;
            }
        }

        return await GetResultAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gives the request to a privacy officer's approval, where required, or makes it ready to run.</summary>
    public Task<RequestResult> ApproveAsync(long id, string actor, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, [RequestStatus.AwaitingApproval], actor, "request.approved", null, (r, now) =>
            ("status = @status, approved_at = @now, approved_by = @by", [("@status", nameof(RequestStatus.Verified)), ("@now", StoreTime.ToMicros(now)), ("@by", actor)]), cancellationToken);

    /// <summary>Refuses the request for <paramref name="reason"/>; <paramref name="note"/> is shown to staff, never audited.</summary>
    public Task<RequestResult> RejectAsync(long id, RejectionReason reason, string? note, string actor, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, [RequestStatus.Received, RequestStatus.Verified, RequestStatus.AwaitingApproval, RequestStatus.InProgress], actor,
            "request.rejected", "reason " + Name(reason), (r, now) =>
            ("status = @status, closed_at = @now, rejection = @reason, rejection_note = @note, code_hash = NULL",
                [("@status", nameof(RequestStatus.Rejected)), ("@now", StoreTime.ToMicros(now)), ("@reason", reason.ToString()), ("@note", note)]), cancellationToken);

    /// <summary>
    /// Extends the deadline once, by <paramref name="by"/> (default and maximum: the policy's <c>rights.extension</c>),
    /// counted from the original due date.
    /// </summary>
    public async Task<RequestResult> ExtendAsync(long id, ExtensionReason reason, string? note, PolicyDuration? by, string actor, CancellationToken cancellationToken = default)
    {
        var extension = by ?? _policy.Rights.Extension;
        if (extension.ApproximateDays > _policy.Rights.Extension.ApproximateDays || extension.ApproximateDays <= 0)
        {
            return RequestResult.Fail(RequestErrorKind.ExtensionRefused, $"an extension must be positive and at most {_policy.Rights.Extension}");
        }

        return await TransitionAsync(id, [RequestStatus.Received, RequestStatus.Verified, RequestStatus.AwaitingApproval, RequestStatus.InProgress], actor,
            "request.extended", $"reason {Name(reason)}; by {extension}", (r, now) => r.ExtendedAt is not null
                ? null
                : ("due_at = @due, extended_at = @now, extension_reason = @reason, extension_note = @note",
                    [("@due", StoreTime.ToMicros(extension.AddTo(r.Due))), ("@now", StoreTime.ToMicros(now)), ("@reason", reason.ToString()), ("@note", note)]),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The request with <paramref name="id"/>, or null.</summary>
    public Task<DataRequest?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        _store.ReadAsync(async (session, ct) =>
        {
            using var command = session.Command($"SELECT {RequestRows.Columns} FROM requests WHERE id = @id").With("@id", id);
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? RequestRows.Read(reader) : null;
        }, cancellationToken);

    /// <summary>Requests in <paramref name="filter"/>, most urgent (earliest due) first.</summary>
    public Task<IReadOnlyList<DataRequest>> ListAsync(RequestFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var now = Now;
        return _store.ReadAsync<IReadOnlyList<DataRequest>>(async (session, ct) =>
        {
            var where = filter.OpenOnly ? "WHERE status NOT IN ('Completed', 'Rejected')" : "";
            using var command = session.Command($"SELECT {RequestRows.Columns} FROM requests {where} ORDER BY due_at, id");
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var list = new List<DataRequest>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var request = RequestRows.Read(reader);
                if ((filter.Status is null || request.Status == filter.Status)
                    && (!filter.OverdueOnly || request.IsOverdue(now))
                    && (filter.DueWithin is not { } window || request.IsOverdue(now) || request.IsDueSoon(now, window)))
                {
                    list.Add(request);
                }
            }

            return list;
        }, cancellationToken);
    }

    private async Task<RequestResult> GetResultAsync(long id, CancellationToken cancellationToken) =>
        await GetAsync(id, cancellationToken).ConfigureAwait(false) is { } request
            ? RequestResult.Ok(request)
            : RequestResult.Fail(RequestErrorKind.NotFound, $"no request {id}");

    /// <summary>
    /// Moves request <paramref name="id"/> from one of <paramref name="from"/> by the update <paramref name="change"/> gives
    /// (null: refused), audited as <paramref name="action"/>, all in one transaction with the row locked.
    /// </summary>
    internal async Task<RequestResult> TransitionAsync(
        long id,
        RequestStatus[] from,
        string actor,
        string action,
        string? detail,
        Func<DataRequest, DateTimeOffset, (string Set, (string Name, object? Value)[] Values)?> change,
        CancellationToken cancellationToken,
        Func<StoreTransaction, DataRequest, CancellationToken, Task>? alsoInTransaction = null)
    {
        var now = Now;
        var error = await _store.WriteAsync<RequestError?>(async (tx, ct) =>
        {
            var lockSuffix = tx.Kind == StoreKind.Postgres ? " FOR UPDATE" : "";
            DataRequest? request;
            using (var read = tx.Command($"SELECT {RequestRows.Columns} FROM requests WHERE id = @id{lockSuffix}").With("@id", id))
            {
                using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
                request = await reader.ReadAsync(ct).ConfigureAwait(false) ? RequestRows.Read(reader) : null;
            }

            if (request is null)
            {
                return new RequestError(RequestErrorKind.NotFound, $"no request {id}");
            }

            if (!from.Contains(request.Status))
            {
                return new RequestError(RequestErrorKind.WrongStatus, $"request {id} is {Name(request.Status)}; this needs {string.Join(" or ", from.Select(Name))}");
            }

            if (change(request, now) is not { } update)
            {
                return new RequestError(action == "request.extended" ? RequestErrorKind.ExtensionRefused : RequestErrorKind.WrongStatus,
                    action == "request.extended" ? $"request {id} was already extended" : $"request {id} cannot be changed so");
            }

            using var command = tx.Command($"UPDATE requests SET {update.Set} WHERE id = @id").With("@id", id);
            foreach (var (name, value) in update.Values)
            {
                command.With(name, value);
            }

            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            tx.Audit(Entry(actor, action, request.Subject, id, detail));
            if (alsoInTransaction is not null)
            {
                await alsoInTransaction(tx, request, ct).ConfigureAwait(false);
            }

            return null;
        }, cancellationToken).ConfigureAwait(false);
        return error is null ? await GetResultAsync(id, cancellationToken).ConfigureAwait(false) : new RequestResult(null, error);
    }

    private AuditEntry Entry(string actor, string action, Connectors.Locating.SubjectIdentifier subject, long id, string? detail) =>
        new(actor, action, subject.Value.StartsWith("ps_", StringComparison.Ordinal) ? new Pseudonym(subject.Value) : _pseudonyms.Identifier(subject.Kind, subject.Value),
            "request " + id.ToString(CultureInfo.InvariantCulture) + (detail is null ? "" : "; " + detail));

    /// <summary>The snake_case name of an enum value, as shown in the CLI and audit log.</summary>
    public static string Name<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

/// <summary>Which requests to list.</summary>
/// <param name="DueWithin">Only overdue requests and those due within this time.</param>
public sealed record RequestFilter(bool OpenOnly = true, RequestStatus? Status = null, bool OverdueOnly = false, TimeSpan? DueWithin = null);
