namespace Pledge.Requests;

/// <summary>Why a request operation was refused: machine-readable, with a message for people.</summary>
public enum RequestErrorKind
{
    /// <summary>No request with that id.</summary>
    NotFound,
    /// <summary>The request is not in a status that allows the operation.</summary>
    WrongStatus,
    /// <summary>The one-time code is wrong.</summary>
    CodeInvalid,
    /// <summary>The one-time code has expired, or none was sent.</summary>
    CodeExpired,
    /// <summary>Too many wrong codes: a new code must be sent.</summary>
    TooManyAttempts,
    /// <summary>The deadline was already extended, or the extension is longer than the policy allows.</summary>
    ExtensionRefused,
    /// <summary>The submission or its details are invalid (a field unknown to the data map, a value that does not fit its category).</summary>
    InvalidInput,
    /// <summary>A system could not be reached or refused the change.</summary>
    SystemFailed,
}

/// <summary>A refused operation.</summary>
public sealed record RequestError(RequestErrorKind Kind, string Message);

/// <summary>The request after an operation, or why the operation was refused.</summary>
public sealed record RequestResult(DataRequest? Request, RequestError? Error)
{
    /// <summary>Whether the operation succeeded.</summary>
    public bool Succeeded => Error is null;

    internal static RequestResult Ok(DataRequest request) => new(request, null);

    internal static RequestResult Fail(RequestErrorKind kind, string message) => new(null, new RequestError(kind, message));
}
