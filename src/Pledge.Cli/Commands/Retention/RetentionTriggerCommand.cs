using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Pledge.Cli.Commands.Consent;
using Pledge.Connectors.Locating;
using Pledge.Retention;

namespace Pledge.Cli.Commands.Retention;

/// <summary><c>pledge retention trigger EVENT --email X</c>: run the rules an event triggers for one subject.</summary>
internal static class RetentionTriggerCommand
{
    public static Command Create(StoreOptions store)
    {
        var eventId = new Argument<string>("EVENT") { Description = "The event's id, as the policy declares it (viewer.signed_out)." };
        var email = new Option<string?>("--email") { Description = "The subject's e-mail address." };
        var identifier = new Option<string[]>("--identifier") { Description = "Another identifier of the subject, KIND:VALUE (account_id:A-1001).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("trigger", "Raise an event for a subject: the rules it triggers act on the subject's rows.") { eventId, email, identifier };
        command.SetAction(async (parse, ct) =>
        {
            var identifiers = new List<SubjectIdentifier>();
            if (parse.GetValue(email) is { } address)
            {
                identifiers.Add(SubjectIdentifier.Email(address));
            }

            foreach (var text in parse.GetValue(identifier) ?? [])
            {
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    return Output.Fail(ExitCodes.Usage, $"--identifier '{text}' is not KIND:VALUE");
                }

                identifiers.Add(new SubjectIdentifier(text[..colon], text[(colon + 1)..]));
            }

            if (identifiers.Count == 0)
            {
                return Output.Fail(ExitCodes.Usage, "name the subject with --email or --identifier");
            }

            var (session, code) = await RetentionSession.OpenAsync(parse, store, ct);
            if (session is null)
            {
                return code;
            }

            await using (session)
            {
                var id = parse.GetValue(eventId)!;
                if (session.Policy.Retention.All(r => r.Trigger != id))
                {
                    return Output.Fail(ExitCodes.Rejected, $"no retention rule is triggered by event '{id}'");
                }

                var anonymises = session.Policy.Retention.Any(r => r.Trigger == id && r.Action == Policy.Model.RetentionAction.Anonymise);
                var key = anonymises ? RetentionSession.Key(parse, store) : null;
                if (anonymises && key is null)
                {
                    return ExitCodes.Configuration;
                }

                try
                {
                    var results = await new RetentionEvents(session.Policy, session.Store, session.Connectors, key, CliActor.Current).RaiseAsync(id, identifiers, ct);
                    foreach (var result in results)
                    {
                        Console.Out.WriteLine($"{result.RuleId}: {result.Affected.ToString(CultureInfo.InvariantCulture)} rows, {result.Cascaded.ToString(CultureInfo.InvariantCulture)} cascaded");
                    }

                    return ExitCodes.Ok;
                }
                catch (DbException e)
                {
                    return Output.Fail(ExitCodes.Unavailable, "database error: " + e.Message);
                }
            }
        });
        return command;
    }
}
