using System.CommandLine;
using Pledge.Consent;

namespace Pledge.Cli.Commands.Consent;

/// <summary><c>give</c>, <c>withdraw</c>, <c>object</c>, <c>grounds</c>, <c>restrict</c>, <c>lift</c>, <c>prefer</c>: one event each.</summary>
internal static class RecordCommands
{
    private enum ActivityArity
    {
        Required,
        Optional,
        None,
    }

    public static IEnumerable<Command> Create(StoreOptions store)
    {
        yield return Record(store, "give", "Record that the subject gave consent to an activity (or switched an opt-out activity back on).", LedgerEventKind.ConsentGiven, ActivityArity.Required);
        yield return Record(store, "withdraw", "Record that the subject withdrew consent to an activity; with --gpc and no activity, a Global Privacy Control signal.", LedgerEventKind.ConsentWithdrawn, ActivityArity.Optional);
        yield return Record(store, "object", "Record an objection to an activity, or with no activity to all direct marketing.", LedgerEventKind.Objection, ActivityArity.Optional);
        yield return Record(store, "grounds", "Record compelling legitimate grounds that override an objection to an activity (balancing test only).", LedgerEventKind.CompellingGrounds, ActivityArity.Required);
        yield return Record(store, "restrict", "Restrict processing of the subject's data (Art. 18): everything but storage and legal claims is denied.", LedgerEventKind.RestrictionPlaced, ActivityArity.None);
        yield return Record(store, "lift", "Lift a restriction of processing.", LedgerEventKind.RestrictionLifted, ActivityArity.None);
        yield return Prefer(store);
    }

    private static Command Record(StoreOptions store, string name, string description, LedgerEventKind kind, ActivityArity arity)
    {
        var subject = new Argument<string>("subject") { Description = "kind:value, e.g. email:ada@example.com, account_id:A-1001, phone:+441223000000." };
        var activity = new Argument<string?>("activity")
        {
            Description = "The activity id from the policy.",
            Arity = arity == ActivityArity.Required ? ArgumentArity.ExactlyOne : ArgumentArity.ZeroOrOne,
        };
        var evidence = new EvidenceOptions();
        var command = new Command(name, description) { subject };
        if (arity != ActivityArity.None)
        {
            command.Arguments.Add(activity);
        }

        evidence.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(parse, store, evidence, kind, parse.GetValue(subject), arity == ActivityArity.None ? null : parse.GetValue(activity), null, ct));
        return command;
    }

    private static Command Prefer(StoreOptions store)
    {
        var subject = new Argument<string>("subject") { Description = "kind:value, e.g. email:ada@example.com." };
        var channel = new Argument<string>("channel") { Description = "The communication channel, e.g. email, sms, post." };
        var topic = new Argument<string>("topic") { Description = "The topic, e.g. product-news." };
        var frequency = new Argument<string>("frequency") { Description = "How often, e.g. weekly, monthly, never." };
        var evidence = new EvidenceOptions();
        var command = new Command("prefer", "Record a communication preference: channel, topic and frequency.") { subject, channel, topic, frequency };
        evidence.AddTo(command);
        command.SetAction((parse, ct) => RunAsync(parse, store, evidence, LedgerEventKind.PreferenceSet, parse.GetValue(subject), null,
            new Preference(parse.GetValue(channel)!, parse.GetValue(topic)!, parse.GetValue(frequency)!), ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, StoreOptions store, EvidenceOptions options, LedgerEventKind kind, string? subjectText,
        string? activity, Preference? preference, CancellationToken cancellationToken)
    {
        var (session, code) = await ConsentSession.OpenAsync(parse, store, writes: true, cancellationToken);
        if (session is null)
        {
            return code;
        }

        await using (session)
        {
            var subject = ConsentSession.Subject(subjectText, parse.GetValue(options.Region));
            var evidence = subject is null ? null : options.Read(parse, session);
            if (subject is null || evidence is null)
            {
                return ExitCodes.Usage;
            }

            var result = await session.Ledger.AppendAsync(new LedgerEvent(subject, kind, activity, evidence, preference), cancellationToken);
            if (result.Error is { } error)
            {
                return Output.Fail(ExitCodes.Rejected, "refused: " + error.Message);
            }

            var what = $"{kind.Code()}{(activity is null ? "" : " " + activity)}";
            Console.Out.WriteLine(result.Duplicate
                ? $"already recorded as event {result.Sequence} ({what}); the idempotency key was used before"
                : $"recorded event {result.Sequence} ({what}) for {subject.Key}");
            return ExitCodes.Ok;
        }
    }
}
