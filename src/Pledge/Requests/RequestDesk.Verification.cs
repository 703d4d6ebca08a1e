using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pledge.Requests.Email;
using Pledge.Storage;

namespace Pledge.Requests;

public sealed partial class RequestDesk
{
    /// <summary>How long a one-time code stays valid.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(30);

    /// <summary>Wrong codes accepted before a new one must be sent: 5 guesses of a 6-digit code succeed with p = 5·10⁻⁶.</summary>
    public const int MaxCodeAttempts = 5;

    /// <summary>
    /// Sends a new 6-digit one-time code to the request's contact address, replacing any earlier one. The code is kept
    /// only as an HMAC under the pseudonym key, so a copy of the store does not reveal it.
    /// </summary>
    public Task<RequestResult> SendCodeAsync(long id, string actor, CancellationToken cancellationToken = default) =>
        SendCodeAsync(id, actor, null, cancellationToken);

    /// <summary>As <see cref="SendCodeAsync(long, string, CancellationToken)"/>, with the request's status link in the message.</summary>
    public async Task<RequestResult> SendCodeAsync(long id, string actor, string? statusLink, CancellationToken cancellationToken = default)
    {
        if (_email is null)
        {
            return RequestResult.Fail(RequestErrorKind.InvalidInput, "no e-mail sender is configured");
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var result = await TransitionAsync(id, [RequestStatus.Received], actor, "request.code_sent", null, (r, now) => r.ContactEmail is null
            ? null
            : ("code_hash = @hash, code_expires_at = @expires, code_attempts = 0",
                [("@hash", CodeHash(id, code)), ("@expires", StoreTime.ToMicros(now + CodeLifetime))]), cancellationToken).ConfigureAwait(false);
        if (result.Request is not { ContactEmail: { } to })
        {
            return result.Error?.Kind == RequestErrorKind.WrongStatus && result.Error.Message.Contains("cannot", StringComparison.Ordinal)
                ? RequestResult.Fail(RequestErrorKind.InvalidInput, $"request {id} has no contact address")
                : result;
        }

        var body = $"Your verification code for request {id.ToString(CultureInfo.InvariantCulture)} to {_policy.Organisation.Controller.Name} is {code}.\n\n" +
            $"It is valid for {CodeLifetime.TotalMinutes.ToString(CultureInfo.InvariantCulture)} minutes. If you did not make this request, ignore this message.\n" +
            (statusLink is null ? "" : $"\nFollow your request here: {statusLink}\n");
        await _email.SendAsync(new EmailMessage(to, $"Your verification code: {code}", body), cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Checks <paramref name="code"/>. Right: the identity is verified and the request moves on (to approval where the
    /// policy asks for it). Wrong, expired or after <see cref="MaxCodeAttempts"/> failures: refused, and the attempt counted.
    /// </summary>
    public async Task<RequestResult> VerifyAsync(long id, string code, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var now = Now;
        var failure = await _store.WriteAsync<RequestError?>(async (tx, ct) =>
        {
            var lockSuffix = tx.Kind == StoreKind.Postgres ? " FOR UPDATE" : "";
            using var read = tx.Command($"SELECT status, code_hash, code_expires_at, code_attempts FROM requests WHERE id = @id{lockSuffix}").With("@id", id);
            using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                return new RequestError(RequestErrorKind.NotFound, $"no request {id}");
            }

            var status = Enum.Parse<RequestStatus>(reader.GetString(0));
            var hash = reader.GetNullableString(1);
            var expires = reader.IsDBNull(2) ? (DateTimeOffset?)null : StoreTime.FromMicros(reader.GetInt64(2));
            var attempts = Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture);
            reader.Close();
            if (status != RequestStatus.Received)
            {
                return new RequestError(RequestErrorKind.WrongStatus, $"request {id} is {Name(status)}, not awaiting verification");
            }

            if (hash is null || expires is null || now > expires)
            {
                return new RequestError(RequestErrorKind.CodeExpired, "the code has expired or none was sent: send a new one");
            }

            if (attempts >= MaxCodeAttempts)
            {
                return new RequestError(RequestErrorKind.TooManyAttempts, "too many wrong codes: send a new one");
            }

            var given = Encoding.ASCII.GetBytes(CodeHash(id, code.Trim()));
            if (!CryptographicOperations.FixedTimeEquals(given, Encoding.ASCII.GetBytes(hash)))
            {
                using var count = tx.Command("UPDATE requests SET code_attempts = code_attempts + 1 WHERE id = @id").With("@id", id);
                await count.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return new RequestError(RequestErrorKind.CodeInvalid, $"the code is wrong ({MaxCodeAttempts - attempts - 1} attempts left)");
            }

            return null;
        }, cancellationToken).ConfigureAwait(false);

        // A wrong code is counted (committed above) and then reported; a right one verifies in its own transaction.
        return failure is not null ? new RequestResult(null, failure) : await MarkVerifiedAsync(id, "one-time code", actor, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records that staff verified the requester's identity by <paramref name="method"/> (e.g. a signed-in account).</summary>
    public Task<RequestResult> MarkVerifiedAsync(long id, string method, string actor, CancellationToken cancellationToken = default) =>
        TransitionAsync(id, [RequestStatus.Received], actor, "request.verified", "by " + method, (r, now) =>
            ("status = @status, verified_at = @now, code_hash = NULL, code_expires_at = NULL",
                [("@status", (NeedsApproval(r.Kind) ? RequestStatus.AwaitingApproval : RequestStatus.Verified).ToString()), ("@now", StoreTime.ToMicros(now))]),
            cancellationToken);

    /// <summary>Whether the policy asks for approval of <paramref name="kind"/>.</summary>
    public bool NeedsApproval(RequestKind kind) => _policy.Rights.Approval.Any(r => Name(r) == Name(kind) || r.ToString() == kind.ToString());

    private string CodeHash(long id, string code) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key.Bytes, Encoding.UTF8.GetBytes("request-code\0" + id.ToString(CultureInfo.InvariantCulture) + "\0" + code)));
}
