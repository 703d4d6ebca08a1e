using System.CommandLine;
using Pledge.Access;
using Pledge.Cli.Commands.Consent;

namespace Pledge.Cli.Commands;

/// <summary><c>pledge apikey create|list|revoke</c>: keys for the server's HTTP APIs, stored hashed in the own store.</summary>
internal static class ApiKeyCommand
{
    public static Command Create()
    {
        var options = new StoreOptions();
        var command = new Command("apikey", "API keys for the server's HTTP APIs (only a hash is stored).");
        options.AddTo(command);
        command.Subcommands.Add(CreateKey(options));
        command.Subcommands.Add(List(options));
        command.Subcommands.Add(Revoke(options));
        return command;
    }

    private static Command CreateKey(StoreOptions options)
    {
        var name = new Option<string>("--name") { Description = "Who uses the key, e.g. crm-sync.", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = $"What the key may do: {string.Join(", ", ApiScopes.All)} (repeat for several).", Required = true, AllowMultipleArgumentsPerToken = true };
        var command = new Command("create", "Create a key; its token is printed once.") { name, scopes };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var granted = parse.GetValue(scopes)!;
            if (granted.Any(s => !ApiScopes.All.Contains(s)))
            {
                return Output.Fail(ExitCodes.Usage, $"--scope must be some of: {string.Join(", ", ApiScopes.All)}");
            }

            var (store, code) = await options.OpenStoreAsync(parse, cancellationToken);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                var created = await ApiKeys.CreateAsync(store, parse.GetValue(name)!, granted, CliActor.Current, cancellationToken);
                Console.WriteLine(created.Token);
                Output.Note($"created key {created.Info.Id} ({string.Join(' ', created.Info.Scopes)}); the token above is not stored and is shown only now");
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command List(StoreOptions options)
    {
        var command = new Command("list", "List the keys (never their tokens).");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (store, code) = await options.OpenStoreAsync(parse, cancellationToken);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                var keys = await ApiKeys.ListAsync(store, cancellationToken);
                Output.Table(["id", "name", "scopes", "created", "revoked"], keys.Select(k => (IReadOnlyList<string>)
                    [k.Id, k.Name, string.Join(' ', k.Scopes), k.CreatedAt.ToString("u", System.Globalization.CultureInfo.InvariantCulture),
                        k.RevokedAt?.ToString("u", System.Globalization.CultureInfo.InvariantCulture) ?? ""]));
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command Revoke(StoreOptions options)
    {
        var id = new Argument<string>("id") { Description = "The key's id (as listed)." };
        var command = new Command("revoke", "Revoke a key: it stops working at once.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (store, code) = await options.OpenStoreAsync(parse, cancellationToken);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                return await ApiKeys.RevokeAsync(store, parse.GetValue(id)!, CliActor.Current, cancellationToken)
                    ? ExitCodes.Ok
                    : Output.Fail(ExitCodes.Usage, $"no active key '{parse.GetValue(id)}'");
            }
        });
        return command;
    }
}
