using System.CommandLine;
using Pledge.Consent;
using Pledge.Policy.Model;

namespace Pledge.Cli.Commands.Consent;

/// <summary>
/// <c>pledge consent unsubscribe-link SUBJECT --activity ID --base-url URL</c>: a one-click unsubscribe link (RFC 8058)
/// signed with the pseudonym key, and the two headers to put on the message, for mailers that call no API.
/// </summary>
internal static class UnsubscribeLinkCommand
{
    private sealed record Link(string Url, string ListUnsubscribe, string ListUnsubscribePost);

    public static Command Create(StoreOptions store)
    {
        var subject = new Argument<string>("subject") { Description = "The recipient (kind:value, e.g. email:ada@example.com)." };
        var activity = new Option<string>("--activity") { Description = "The consent-based or direct-marketing activity the link withdraws from.", Required = true };
        var baseUrl = new Option<string>("--base-url") { Description = "The privacy centre's public address (https://privacy.example.com), as the server's Pledge:PublicUrl.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the link and headers as JSON." };
        var command = new Command("unsubscribe-link", "Make a one-click unsubscribe link for a recipient and the List-Unsubscribe headers that go with it.") { subject, activity, baseUrl, json };
        command.SetAction(parse =>
        {
            if (!Uri.TryCreate(parse.GetValue(baseUrl), UriKind.Absolute, out var root) || root.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(root.Query))
            {
                return Output.Fail(ExitCodes.Usage, "--base-url must be an absolute http(s) address without a query, e.g. https://privacy.example.com");
            }

            if (ConsentSession.Subject(parse.GetValue(subject), null) is not { } recipient)
            {
                return ExitCodes.Usage;
            }

            var policyPath = PolicyArgument.Resolve(parse.GetValue(store.Policy));
            var loaded = Pledge.Policy.Loading.PolicyLoader.Load(policyPath);
            if (loaded.Policy is null || loaded.HasErrors)
            {
                return Output.Fail(ExitCodes.PolicyErrors, $"{policyPath}: the policy has errors; run pledge check {policyPath}");
            }

            var id = parse.GetValue(activity)!;
            if (loaded.Policy.Activity(id) is not { } chosen || !(chosen.Basis == LawfulBasis.Consent || chosen.DirectMarketing))
            {
                return Output.Fail(ExitCodes.Usage, $"--activity: '{id}' is not a consent-based or direct-marketing activity of the policy; one of: "
                    + string.Join(", ", loaded.Policy.Activities.Where(a => a.Basis == LawfulBasis.Consent || a.DirectMarketing).Select(a => a.Id)));
            }

            if (store.ResolveKey(parse) is not { } key)
            {
                return ExitCodes.Configuration;
            }

            var token = new UnsubscribeTokens(key).Issue(recipient, chosen.Id, TimeProvider.System.GetUtcNow());
            var url = root.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/unsubscribe?t=" + token;
            var link = new Link(url, "<" + url + ">", "List-Unsubscribe=One-Click");
            if (parse.GetValue(json))
            {
                Output.WriteJson(link);
            }
            else
            {
                Console.Out.WriteLine(link.Url);
                Console.Out.WriteLine("List-Unsubscribe: " + link.ListUnsubscribe);
                Console.Out.WriteLine("List-Unsubscribe-Post: " + link.ListUnsubscribePost);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
