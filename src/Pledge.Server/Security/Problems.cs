using Microsoft.AspNetCore.Http.HttpResults;
using Pledge.Consent;

namespace Pledge.Server.Security;

/// <summary>The problem+json answers the endpoints share, each with a stable type URI.</summary>
internal static class Problems
{
    public const string TypeBase = "urn:pledge:problem:";

    public static ProblemHttpResult Invalid(string field, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid", detail: $"{field}: {detail}", type: TypeBase + "invalid-request");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail, type: TypeBase + "forbidden");

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail, type: TypeBase + "not-found");

    public static ProblemHttpResult Ledger(LedgerError error) =>
        TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "The ledger refused the event", detail: error.Message,
            type: TypeBase + "ledger/" + Policy.Loading.EnumNames.Of(error.Code));
}
