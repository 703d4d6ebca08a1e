using System.Globalization;
using Pledge.Policy.Loading;
using Pledge.Requests;
using Pledge.Server.Hosting;

namespace Pledge.Server.Admin;

/// <summary>What an action on a request did, for the console and the API alike.</summary>
/// <param name="Unavailable">Systems of the data map that could not be opened (only for a run).</param>
public sealed record ActionOutcome(DataRequest? Request, RequestError? Error, string? Summary, IReadOnlyList<string> Unavailable, bool ExportStored);

/// <summary>
/// The actions staff and machine clients take on a request: verify (by staff), approve, extend, reject, run. Reasons
/// come from fixed lists; a run opens the data map's systems, refuses to start while any cannot be opened (a partial
/// erasure or export must not be reported as the answer), and keeps an access or portability export in the own store.
/// </summary>
internal static class RequestActions
{
    public static readonly string[] Names = ["verify", "approve", "extend", "reject", "run"];

    public static async Task<ActionOutcome> ApplyAsync(PledgeSite site, AdminOptions options, long id, string action, string? reason, string? note, string actor,
        CancellationToken cancellationToken)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > 500 })
        {
            return Invalid("the note must have at most 500 characters");
        }

        switch (action)
        {
            case "verify":
                return From(await site.Requests.MarkVerifiedAsync(id, "staff (" + actor + ")", actor, cancellationToken));
            case "approve":
                return From(await site.Requests.ApproveAsync(id, actor, cancellationToken));
            case "extend":
                return reason is not null && EnumNames.TryParse<ExtensionReason>(reason, out var extension)
                    ? From(await site.Requests.ExtendAsync(id, extension, note, null, actor, cancellationToken))
                    : Invalid("reason: one of " + string.Join(", ", EnumNames.All<ExtensionReason>()));
            case "reject":
                return reason is not null && EnumNames.TryParse<RejectionReason>(reason, out var rejection)
                    ? From(await site.Requests.RejectAsync(id, rejection, note, actor, cancellationToken))
                    : Invalid("reason: one of " + string.Join(", ", EnumNames.All<RejectionReason>()));
            case "run":
                return await RunAsync(site, options, id, actor, cancellationToken);
            default:
                return Invalid("action: one of " + string.Join(", ", Names));
        }
    }

    private static async Task<ActionOutcome> RunAsync(PledgeSite site, AdminOptions options, long id, string actor, CancellationToken cancellationToken)
    {
        var request = await site.Requests.GetAsync(id, cancellationToken);
        if (request is null)
        {
            return new ActionOutcome(null, new RequestError(RequestErrorKind.NotFound, $"no request {id}"), null, [], false);
        }

        await using var scope = site.OpenRunner();
        if (scope.Unavailable.Count > 0)
        {
            return new ActionOutcome(request, new RequestError(RequestErrorKind.SystemFailed, "not run: some systems of the data map could not be opened"), null, scope.Unavailable, false);
        }

        var exports = request.Kind is RequestKind.Access or RequestKind.Portability;
        using var zip = exports ? new MemoryStream() : null;
        var outcome = await scope.Runner.RunAsync(id, actor, zip, cancellationToken: cancellationToken);
        if (outcome.Result.Error is { } error)
        {
            return new ActionOutcome(await site.Requests.GetAsync(id, cancellationToken), error, null, [], false);
        }

        if (zip is not null)
        {
            var name = $"request-{id.ToString(CultureInfo.InvariantCulture)}-{RequestDesk.Name(request.Kind)}.zip";
            await RequestExports.SaveAsync(site.Store, id, name, zip.ToArray(), TimeSpan.FromDays(options.ExportDays), actor, cancellationToken);
        }

        var summary = outcome.Erasure is { } erasure
            ? $"{outcome.Result.Request!.Result}; {erasure.Deleted.ToString(CultureInfo.InvariantCulture)} rows deleted"
            : outcome.Result.Request!.Result;
        return new ActionOutcome(outcome.Result.Request, null, summary, [], zip is not null);
    }

    private static ActionOutcome From(RequestResult result) => new(result.Request, result.Error, null, [], false);

    private static ActionOutcome Invalid(string message) => new(null, new RequestError(RequestErrorKind.InvalidInput, message), null, [], false);
}
