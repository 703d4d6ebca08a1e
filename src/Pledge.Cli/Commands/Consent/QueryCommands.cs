using System.CommandLine;
using System.Globalization;
using Pledge.Consent;
using Pledge.Policy.Loading;

namespace Pledge.Cli.Commands.Consent;

/// <summary><c>show</c>, <c>history</c>: what the ledger knows about one subject.</summary>
internal static class QueryCommands
{
    public static Command Show(StoreOptions store) =>
        SubjectQuery(store, "show", "Show a subject's identifiers, current state and what each activity may do now.",
            async (session, id, found, json, ct) =>
            {
                var engine = session.Engine();
                var now = session.Store.Time.GetUtcNow();
                var identifiers = found is null ? [] : await session.Store.ReadAsync((s, c) => SubjectDirectory.IdentifiersAsync(s, found.SubjectId, c), ct);
                var rows = found is null ? [] : await session.Store.ReadAsync((s, c) => ConsentProjection.LoadAsync(s, [found.SubjectId], c), ct);
                var state = found is { Erased: false } ? engine.StateFrom(rows) : engine.EmptyState();
                var decisions = engine.ActivityIds.Select(a => (Activity: a, Decision: engine.Decide(state, a, now))).ToList();
                if (json)
                {
                    Output.WriteJson(new
                    {
                        subject = found?.SubjectId,
                        erased = found?.Erased ?? false,
                        identifiers,
                        state = rows.Select(r => new { facet = EnumNames.Of(r.Facet), r.Scope, r.Status, r.Value, at = Format(r.At), r.PolicyVersion, sequence = r.Seq }),
                        decisions = decisions.Select(d => new { activity = d.Activity, allowed = d.Decision.Allowed, reasons = d.Decision.Codes }),
                    });
                    return ExitCodes.Ok;
                }

                Console.Out.WriteLine(found is null
                    ? $"{id.Key} is not in the ledger: decisions follow the lawful basis alone."
                    : $"subject {found.SubjectId}{(found.Erased ? " (erased; found through the identifier's pseudonym)" : "")}: {string.Join(", ", identifiers)}");
                if (rows.Count > 0)
                {
                    Output.Table(["facet", "scope", "status", "value", "at", "policy version", "event"],
                        rows.Select(r => (IReadOnlyList<string>)[EnumNames.Of(r.Facet), r.Scope, Status(r), r.Value ?? "", Format(r.At), r.PolicyVersion ?? "", r.Seq.ToString(CultureInfo.InvariantCulture)]));
                }

                Output.Table(["activity", "decision", "reasons"],
                    decisions.Select(d => (IReadOnlyList<string>)[d.Activity, d.Decision.Allowed ? "allow" : "deny", string.Join(", ", d.Decision.Codes)]));
                return ExitCodes.Ok;
            });

    public static Command History(StoreOptions store) =>
        SubjectQuery(store, "history", "List a subject's events with their evidence, oldest first (erased subjects too, through the pseudonym).",
            async (session, id, found, json, ct) =>
            {
                var events = found is null ? [] : await LedgerHistory.OfSubjectAsync(session.Store, found.SubjectId, ct);
                if (json)
                {
                    Output.WriteJson(events.Select(e => new
                    {
                        sequence = e.Sequence, @event = e.Kind.Code(), e.Activity, e.Scope, e.Value, at = e.At, recordedAt = e.RecordedAt,
                        e.PolicyVersion, e.Channel, signal = e.Signal.Code(), e.Actor, e.IdempotencyKey,
                    }));
                    return ExitCodes.Ok;
                }

                if (found is null)
                {
                    Console.Out.WriteLine($"{id.Key} is not in the ledger.");
                    return ExitCodes.Ok;
                }

                Output.Table(["event", "at", "kind", "activity", "policy version", "channel", "signal", "actor", "idempotency key"],
                    events.Select(e => (IReadOnlyList<string>)[e.Sequence.ToString(CultureInfo.InvariantCulture), e.At.ToString("u", CultureInfo.InvariantCulture), e.Kind.Code(),
                        e.Activity ?? e.Scope ?? "", e.PolicyVersion, e.Channel, e.Signal.Code() ?? "", e.Actor, e.IdempotencyKey]));
                return ExitCodes.Ok;
            });

    /// <summary>A read-only command on one subject: opens the store, parses SUBJECT, looks it up, then runs <paramref name="body"/>.</summary>
    private static Command SubjectQuery(StoreOptions store, string name, string description,
        Func<ConsentSession, SubjectIdentifier, SubjectLookup?, bool, CancellationToken, Task<int>> body)
    {
        var subject = new Argument<string>("subject") { Description = "kind:value, e.g. email:ada@example.com." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command(name, description) { subject, json };
        command.SetAction(async (parse, ct) =>
        {
            var (session, code) = await ConsentSession.OpenAsync(parse, store, writes: false, ct);
            if (session is null)
            {
                return code;
            }

            await using (session)
            {
                if (ConsentSession.Subject(parse.GetValue(subject), null) is not { } id)
                {
                    return ExitCodes.Usage;
                }

                var found = await session.Store.ReadAsync((s, c) => SubjectDirectory.FindAsync(s, id, session.Pseudonyms, c), ct);
                return await body(session, id, found, parse.GetValue(json), ct);
            }
        });
        return command;
    }

    internal static string Format(long micros) => Pledge.Storage.StoreTime.FromMicros(micros).ToString("u", CultureInfo.InvariantCulture);

    private static string Status(StateRow row) => (row.Facet, row.Status) switch
    {
        (StateFacet.Consent, 1) => "given",
        (StateFacet.Consent, _) => "withdrawn",
        (StateFacet.Objection, 2) => "overridden",
        (StateFacet.Objection, _) => "objected",
        (StateFacet.Restriction, 1) => "placed",
        (StateFacet.Restriction, _) => "lifted",
        _ => "set",
    };
}
