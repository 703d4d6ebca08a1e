using System.Globalization;
using Pledge.Erasure;
using Pledge.Requests;

namespace Pledge.Cli.Commands.Requests;

/// <summary>How requests and their outcomes are printed: text tables for people, JSON for scripts.</summary>
internal static class RequestPrinter
{
    public static int Result(RequestResult result, bool json)
    {
        if (result.Request is null)
        {
            return Fail(result.Error!);
        }

        Show(result.Request, json);
        return ExitCodes.Ok;
    }

    public static int Fail(RequestError error) => Output.Fail(error.Kind switch
    {
        RequestErrorKind.NotFound or RequestErrorKind.InvalidInput => ExitCodes.Usage,
        RequestErrorKind.SystemFailed => ExitCodes.Unavailable,
        _ => ExitCodes.Rejected,
    }, error.Message);

    public static void Show(DataRequest r, bool json)
    {
        if (json)
        {
            Output.WriteJson(Json(r));
            return;
        }

        Console.Out.WriteLine($"request {r.Id}: {RequestDesk.Name(r.Kind)}, {RequestDesk.Name(r.Status)}");
        Console.Out.WriteLine($"  subject   {r.Subject}");
        Console.Out.WriteLine($"  received  {Time(r.ReceivedAt)}");
        Console.Out.WriteLine($"  due       {Time(r.Due)}{(r.Extension is { } e ? $" (extended: {RequestDesk.Name(e)})" : "")}");
        if (r.Rejection is { } rejection)
        {
            Console.Out.WriteLine($"  rejected  {RequestDesk.Name(rejection)}{(r.RejectionNote is { } n ? ": " + n : "")}");
        }

        if (r.Result is { } result)
        {
            Console.Out.WriteLine($"  result    {result}");
        }
    }

    public static object Json(DataRequest r) => new
    {
        id = r.Id,
        kind = RequestDesk.Name(r.Kind),
        status = RequestDesk.Name(r.Status),
        subject = r.Subject.ToString(),
        receivedAt = Time(r.ReceivedAt),
        due = Time(r.Due),
        extension = r.Extension is { } e ? RequestDesk.Name(e) : null,
        verifiedAt = r.VerifiedAt is { } v ? Time(v) : null,
        approvedBy = r.ApprovedBy,
        closedAt = r.ClosedAt is { } c ? Time(c) : null,
        rejection = r.Rejection is { } j ? RequestDesk.Name(j) : null,
        result = r.Result,
        changes = r.Details.Changes?.Keys,
        activity = r.Details.Activity,
    };

    /// <summary>The erasure report for scripts: actions and strategies spelt as in the data map, counts, what was kept and why.</summary>
    public static object ErasureJson(ErasureReport report) => new
    {
        dryRun = report.DryRun,
        complete = report.Complete,
        deleted = report.Deleted,
        anonymised = report.Anonymised,
        retained = report.Retained,
        unsearched = report.Unsearched,
        systems = report.Systems.Select(s => new
        {
            system = s.SystemId,
            committed = s.Committed,
            committedEarlier = s.CommittedEarlier,
            error = s.Error,
            tables = s.Tables.Select(t => new
            {
                table = t.Table,
                action = t.Action.ToString().ToLowerInvariant(),
                rows = t.Rows,
                changed = t.Changed,
                fields = t.Fields,
                kept = t.Retained.Select(r => new { column = r.Column, hold = r.Hold, reason = r.Reason }),
                note = t.Note,
            }),
        }),
    };

    public static void Erasure(ErasureReport report)
    {
        Console.Out.WriteLine(report.DryRun ? "dry run: nothing was changed; a run would do this:" : "erasure:");
        Output.Table(["system", "table", "action", "rows", "changed", "fields", "kept"],
            report.Systems.SelectMany(s => s.Tables.Select(t => (IReadOnlyList<string>)[
                s.SystemId + (s.CommittedEarlier ? " (done earlier)" : s.Committed || report.DryRun ? "" : " (rolled back)"), t.Table, t.Action.ToString().ToLowerInvariant(),
                t.Rows.ToString(CultureInfo.InvariantCulture), t.Changed.ToString(CultureInfo.InvariantCulture), string.Join(" ", t.Fields),
                string.Join("; ", t.Retained.Select(r => $"{r.Column}: {r.Hold}").Concat(t.Note is null ? [] : [t.Note]))])));
        foreach (var hold in report.Systems.SelectMany(s => s.Tables).SelectMany(t => t.Retained).DistinctBy(r => r.Hold))
        {
            Console.Out.WriteLine($"kept under {hold.Hold}: {hold.Reason}");
        }

        foreach (var failed in report.Systems.Where(s => s.Error is not null))
        {
            Console.Out.WriteLine($"{failed.SystemId}: {failed.Error} (nothing in it was changed)");
        }
    }

    private static string Time(DateTimeOffset t) => t.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
