using System.Collections.Immutable;
using System.CommandLine;
using Pledge.Cli.Commands.Consent;
using Pledge.Policy.Model;
using Pledge.Requests;
using SubjectIdentifier = Pledge.Connectors.Locating.SubjectIdentifier;

namespace Pledge.Cli.Commands.Requests;

/// <summary>The lifecycle subcommands; each opens a session, calls the desk, prints.</summary>
internal sealed partial class RequestCommands(StoreOptions store, Option<string?> outbox)
{
    private static readonly Option<bool> JsonOption = new("--json") { Description = "Print JSON." };

    public Command Submit()
    {
        var kind = new Argument<string>("kind") { Description = "access, portability, rectification, erasure, restriction, objection or information." };
        var subject = new Argument<string>("subject") { Description = "kind:value, e.g. email:ada@example.com (a bare address is an e-mail)." };
        var contact = new Option<string?>("--contact") { Description = "E-mail address for the one-time code; without it, staff verify with 'verify ID --by METHOD'." };
        var set = new Option<string[]>("--set") { Description = "Rectification: system.table.column=value (repeatable).", AllowMultipleArgumentsPerToken = false };
        var activity = new Option<string?>("--activity") { Description = "Objection or restriction: the activity (default: all direct marketing / all processing)." };
        var command = new Command("submit", "Record a new request; sends a one-time code to --contact.") { kind, subject, contact, set, activity, JsonOption };
        command.SetAction((parse, ct) => WithDeskAsync(parse, ct, async (desk, json) =>
        {
            if (!TryEnum<RequestKind>(parse.GetValue(kind)!, out var k))
            {
                return Output.Fail(ExitCodes.Usage, $"unknown kind '{parse.GetValue(kind)}': one of " + string.Join(", ", Enum.GetValues<RequestKind>().Select(RequestDesk.Name)));
            }

            var parsed = Pledge.Consent.SubjectIdentifier.Parse(parse.GetValue(subject));
            if (parsed.Identifier is not { } identifier)
            {
                return Output.Fail(ExitCodes.Usage, "subject: " + parsed.Error);
            }

            var id = new SubjectIdentifier(identifier.Kind, identifier.Value);

            var changes = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            foreach (var pair in parse.GetValue(set) ?? [])
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    return Output.Fail(ExitCodes.Usage, $"--set {pair}: write system.table.column=value");
                }

                changes[pair[..eq]] = pair[(eq + 1)..];
            }

            var details = new RequestDetails(changes.Count > 0 ? changes.ToImmutable() : null, parse.GetValue(activity));
            return RequestPrinter.Result(await desk.SubmitAsync(new RequestSubmission(k, id, parse.GetValue(contact), details), CliActor.Current, ct), json);
        }));
        return command;
    }

    public Command Verify()
    {
        var id = IdArgument();
        var code = new Argument<string?>("code") { Description = "The one-time code the requester received.", Arity = ArgumentArity.ZeroOrOne };
        var by = new Option<string?>("--by") { Description = "Verified by staff another way (e.g. account_login, document): no code needed." };
        var resend = new Option<bool>("--resend") { Description = "Send a new code instead." };
        var command = new Command("verify", "Verify the requester's identity by one-time code, or record a verification by staff.") { id, code, by, resend, JsonOption };
        command.SetAction((parse, ct) => WithDeskAsync(parse, ct, async (desk, json) =>
        {
            var request = parse.GetValue(id);
            if (parse.GetValue(resend))
            {
                return RequestPrinter.Result(await desk.SendCodeAsync(request, CliActor.Current, ct), json);
            }

            if (parse.GetValue(by) is { } method)
            {
                // Staff record only the ways the policy says identity is checked; email_code is the code itself.
                var allowed = desk.Policy.Rights.Verification.Where(v => v != VerificationMethod.EmailCode).Select(v => RequestDesk.Name(v)).ToList();
                return TryEnum<VerificationMethod>(method, out var m) && allowed.Contains(RequestDesk.Name(m))
                    ? RequestPrinter.Result(await desk.MarkVerifiedAsync(request, RequestDesk.Name(m), CliActor.Current, ct), json)
                    : Output.Fail(ExitCodes.Usage, allowed.Count == 0
                        ? "the policy's rights.verification lists no method staff can record; verify with the one-time code"
                        : $"verification by '{method}' is not one of the policy's methods: {string.Join(", ", allowed)}");
            }

            return parse.GetValue(code) is { } c
                ? RequestPrinter.Result(await desk.VerifyAsync(request, c, CliActor.Current, ct), json)
                : Output.Fail(ExitCodes.Usage, "give the code, --by METHOD or --resend");
        }));
        return command;
    }

    public Command Approve()
    {
        var id = IdArgument();
        var command = new Command("approve", "Approve a verified request of a kind the policy's rights.approval lists.") { id, JsonOption };
        command.SetAction((parse, ct) => WithDeskAsync(parse, ct, async (desk, json) =>
            RequestPrinter.Result(await desk.ApproveAsync(parse.GetValue(id), CliActor.Current, ct), json)));
        return command;
    }

    public Command Extend()
    {
        var id = IdArgument();
        var reason = new Option<string>("--reason") { Description = "complexity or number_of_requests.", Required = true };
        var note = new Option<string?>("--note") { Description = "Why, in words (kept with the request, not in the audit log)." };
        var by = new Option<string?>("--by") { Description = "How long, e.g. '1 month' (default and maximum: the policy's rights.extension)." };
        var command = new Command("extend", "Extend the deadline once (Art. 12(3)).") { id, reason, note, by, JsonOption };
        command.SetAction((parse, ct) => WithDeskAsync(parse, ct, async (desk, json) =>
        {
            if (!TryEnum<ExtensionReason>(parse.GetValue(reason)!, out var r))
            {
                return Output.Fail(ExitCodes.Usage, "--reason is complexity or number_of_requests");
            }

            PolicyDuration? duration = null;
            if (parse.GetValue(by) is { } text)
            {
                if (!PolicyDuration.TryParse(text, out var d, out var error))
                {
                    return Output.Fail(ExitCodes.Usage, "--by: " + error);
                }

                duration = d;
            }

            return RequestPrinter.Result(await desk.ExtendAsync(parse.GetValue(id), r, parse.GetValue(note), duration, CliActor.Current, ct), json);
        }));
        return command;
    }

    public Command Reject()
    {
        var id = IdArgument();
        var reason = new Option<string>("--reason") { Description = "One of: " + string.Join(", ", Enum.GetValues<RejectionReason>().Select(RequestDesk.Name)) + ".", Required = true };
        var note = new Option<string?>("--note") { Description = "Details for staff." };
        var command = new Command("reject", "Refuse a request with a reason from the fixed list.") { id, reason, note, JsonOption };
        command.SetAction((parse, ct) => WithDeskAsync(parse, ct, async (desk, json) =>
            TryEnum<RejectionReason>(parse.GetValue(reason)!, out var r)
                ? RequestPrinter.Result(await desk.RejectAsync(parse.GetValue(id), r, parse.GetValue(note), CliActor.Current, ct), json)
                : Output.Fail(ExitCodes.Usage, "--reason is one of: " + string.Join(", ", Enum.GetValues<RejectionReason>().Select(RequestDesk.Name)))));
        return command;
    }

    public Command Show()
    {
        var id = IdArgument();
        var command = new Command("show", "Show one request.") { id, JsonOption };
        command.SetAction((parse, ct) => WithDeskAsync(parse, ct, async (desk, json) =>
        {
            if (await desk.GetAsync(parse.GetValue(id), ct) is not { } request)
            {
                return Output.Fail(ExitCodes.Usage, $"no request {parse.GetValue(id)}");
            }

            RequestPrinter.Show(request, json);
            return ExitCodes.Ok;
        }));
        return command;
    }

    public Command List()
    {
        var all = new Option<bool>("--all") { Description = "Include completed and rejected requests." };
        var overdue = new Option<bool>("--overdue") { Description = "Only requests past their due date." };
        var dueWithin = new Option<int?>("--due-within") { Description = "Only overdue requests and those due within this many days." };
        var command = new Command("list", "List requests, earliest due first, marking overdue and due-soon ones.") { all, overdue, dueWithin, JsonOption };
        command.SetAction((parse, ct) => WithDeskAsync(parse, ct, async (desk, json) =>
        {
            var days = parse.GetValue(dueWithin);
            var list = await desk.ListAsync(new RequestFilter(!parse.GetValue(all), null, parse.GetValue(overdue), days is { } d ? TimeSpan.FromDays(d) : null), ct);
            if (json)
            {
                Output.WriteJson(list.Select(RequestPrinter.Json));
                return ExitCodes.Ok;
            }

            var now = desk.Store.Time.GetUtcNow();
            Output.Table(["id", "kind", "status", "due", "", "subject"], list.Select(r => (IReadOnlyList<string>)[
                r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), RequestDesk.Name(r.Kind), RequestDesk.Name(r.Status),
                r.Due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                r.IsOverdue(now) ? "OVERDUE" : r.IsDueSoon(now, TimeSpan.FromDays(7)) ? "due soon" : "", r.Subject.ToString()]));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Argument<long> IdArgument() => new("id") { Description = "The request's number." };

    private async Task<int> WithDeskAsync(ParseResult parse, CancellationToken ct, Func<RequestDesk, bool, Task<int>> work)
    {
        var (session, code) = await RequestSession.OpenAsync(parse, store, parse.GetValue(outbox), ct);
        if (session is null)
        {
            return code;
        }

        await using (session)
        {
            return await work(session.Desk, parse.GetValue(JsonOption));
        }
    }

    private static bool TryEnum<T>(string text, out T value) where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (RequestDesk.Name(candidate) == text.Trim().ToLowerInvariant().Replace('-', '_'))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
