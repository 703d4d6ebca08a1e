using System.CommandLine;
using System.Globalization;
using Pledge.Access;
using Pledge.Cli.Commands.Consent;
using Spectre.Console;

namespace Pledge.Cli.Commands;

/// <summary>
/// <c>pledge admin add|list|disable|set-password</c>: staff accounts of the admin console. A password is read from
/// <c>$PLEDGE_ADMIN_PASSWORD</c> or asked for without echo, never taken as an argument (it would land in shell history).
/// </summary>
internal static class AdminCommand
{
    public const string PasswordVariable = "PLEDGE_ADMIN_PASSWORD";

    public static Command Create()
    {
        var options = new StoreOptions();
        var command = new Command("admin", "Staff accounts of the admin console (passwords stored as PBKDF2 hashes).");
        options.AddTo(command);
        command.Subcommands.Add(Add(options));
        command.Subcommands.Add(List(options));
        command.Subcommands.Add(Disable(options));
        command.Subcommands.Add(SetPassword(options));
        return command;
    }

    private static Command Add(StoreOptions options)
    {
        var user = new Argument<string>("user") { Description = "The user name (letters, digits, . _ - @)." };
        var role = new Option<string>("--role") { Description = "admin, privacy_officer or viewer.", Required = true };
        var command = new Command("add", $"Add an account; the password comes from ${PasswordVariable} or a prompt.") { user, role };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (StaffAccounts.ParseRole(parse.GetValue(role)) is not { } parsed)
            {
                return Output.Fail(ExitCodes.Usage, "--role must be one of: " + string.Join(", ", StaffAccounts.RoleNames));
            }

            if (StaffAccounts.CheckUserName(parse.GetValue(user)) is { } badName)
            {
                return Output.Fail(ExitCodes.Usage, badName);
            }

            if (Password() is not { } password)
            {
                return ExitCodes.Usage;
            }

            var (store, code) = await options.OpenStoreAsync(parse, cancellationToken);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                var error = await StaffAccounts.AddAsync(store, parse.GetValue(user)!, password, parsed, CliActor.Current, cancellationToken);
                if (error is not null)
                {
                    return Output.Fail(ExitCodes.Usage, error);
                }

                Output.Note($"added {parse.GetValue(user)!.ToLowerInvariant()} ({StaffAccounts.Name(parsed)})");
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command List(StoreOptions options)
    {
        var command = new Command("list", "List the accounts (never their passwords).");
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (store, code) = await options.OpenStoreAsync(parse, cancellationToken);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                var now = store.Time.GetUtcNow();
                var accounts = await StaffAccounts.ListAsync(store, cancellationToken);
                Output.Table(["user", "role", "created", "status"], accounts.Select(a => (IReadOnlyList<string>)
                    [a.UserName, StaffAccounts.Name(a.Role), a.CreatedAt.ToString("u", CultureInfo.InvariantCulture),
                     !a.Enabled ? "disabled" : a.LockedUntil > now ? "locked until " + a.LockedUntil.Value.ToString("u", CultureInfo.InvariantCulture) : "active"]));
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static Command Disable(StoreOptions options)
    {
        var user = new Argument<string>("user") { Description = "The account to disable." };
        var command = new Command("disable", "Disable an account: it cannot sign in, and its sessions end.") { user };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (store, code) = await options.OpenStoreAsync(parse, cancellationToken);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                return await StaffAccounts.DisableAsync(store, parse.GetValue(user)!, CliActor.Current, cancellationToken)
                    ? ExitCodes.Ok
                    : Output.Fail(ExitCodes.Usage, $"no enabled account '{parse.GetValue(user)}'");
            }
        });
        return command;
    }

    private static Command SetPassword(StoreOptions options)
    {
        var user = new Argument<string>("user") { Description = "The account." };
        var command = new Command("set-password", $"Set a new password (from ${PasswordVariable} or a prompt); lifts a lockout and ends sessions.") { user };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (Password() is not { } password)
            {
                return ExitCodes.Usage;
            }

            var (store, code) = await options.OpenStoreAsync(parse, cancellationToken);
            if (store is null)
            {
                return code;
            }

            await using (store)
            {
                var error = await StaffAccounts.SetPasswordAsync(store, parse.GetValue(user)!, password, CliActor.Current, cancellationToken);
                return error is null ? ExitCodes.Ok : Output.Fail(ExitCodes.Usage, error);
            }
        });
        return command;
    }

    /// <summary>The password from the environment, else asked twice without echo; null (with the reason printed) when unusable.</summary>
    private static string? Password()
    {
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            if (Console.IsInputRedirected)
            {
                Output.Fail(ExitCodes.Usage, $"set ${PasswordVariable}, or run in a terminal to be asked");
                return null;
            }

            password = AnsiConsole.Prompt(new TextPrompt<string>("Password:").Secret());
            if (AnsiConsole.Prompt(new TextPrompt<string>("Again:").Secret()) != password)
            {
                Output.Fail(ExitCodes.Usage, "the two passwords differ");
                return null;
            }
        }

        if (StaffPasswords.Check(password) is { } invalid)
        {
            Output.Fail(ExitCodes.Usage, invalid);
            return null;
        }

        return password;
    }
}
