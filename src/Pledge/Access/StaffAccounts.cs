using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using Pledge.Audit;
using Pledge.Storage;

namespace Pledge.Access;

/// <summary>What a staff account may do in the admin console.</summary>
public enum StaffRole
{
    /// <summary>Read only: the queue, subjects, retention, records, the audit log.</summary>
    Viewer,
    /// <summary>Also acts on requests and runs retention.</summary>
    PrivacyOfficer,
    /// <summary>Everything, including accounts and API keys.</summary>
    Admin,
}

/// <summary>A staff account, without its password hash.</summary>
/// <param name="Stamp">Changes whenever the password, role or status does; a sign-in cookie carries it.</param>
public sealed record StaffAccount(string UserName, StaffRole Role, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, DateTimeOffset? LockedUntil, string Stamp)
{
    /// <summary>Whether the account may sign in at all.</summary>
    public bool Enabled => DisabledAt is null;
}

/// <summary>How a sign-in ended.</summary>
public enum SignInOutcome
{
    /// <summary>Signed in.</summary>
    Succeeded,
    /// <summary>Unknown user or wrong password: the two are not told apart.</summary>
    WrongCredentials,
    /// <summary>Too many recent failures: the account is locked until <see cref="SignInResult.LockedUntil"/>.</summary>
    LockedOut,
    /// <summary>The account is disabled.</summary>
    Disabled,
}

/// <summary>The outcome of a sign-in, and the account when it succeeded.</summary>
public sealed record SignInResult(SignInOutcome Outcome, StaffAccount? Account, DateTimeOffset? LockedUntil = null);

/// <summary>When repeated failures lock an account, and for how long.</summary>
public sealed record LockoutRule(int MaxFailures = 5, TimeSpan Duration = default)
{
    /// <summary>How long the lock lasts: 15 minutes unless set.</summary>
    public TimeSpan Duration { get; init; } = Duration == default ? TimeSpan.FromMinutes(15) : Duration;
}

/// <summary>
/// Staff accounts of the admin console, in the own store. User names are lower-case; passwords are kept only as
/// <see cref="StaffPasswords"/> hashes. Every change is audited with the acting user. Thread safe.
/// </summary>
public static class StaffAccounts
{
    /// <summary>Role names as written in the CLI, the store and the audit log.</summary>
    public static ImmutableArray<string> RoleNames { get; } = ["admin", "privacy_officer", "viewer"];

    // Verifying against this when the user is unknown keeps the time of a failed sign-in the same either way.
    private static readonly Lazy<string> DummyHash = new(() => StaffPasswords.Hash(StaffPasswords.Generate()));

    /// <summary>The snake_case name of <paramref name="role"/>.</summary>
    public static string Name(StaffRole role) => role switch
    {
        StaffRole.Admin => "admin",
        StaffRole.PrivacyOfficer => "privacy_officer",
        _ => "viewer",
    };

    /// <summary>The role named <paramref name="name"/> (also <c>privacy-officer</c>, <c>officer</c>), or null.</summary>
    public static StaffRole? ParseRole(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "admin" => StaffRole.Admin,
        "privacy_officer" or "privacy-officer" or "officer" => StaffRole.PrivacyOfficer,
        "viewer" => StaffRole.Viewer,
        _ => null,
    };

    /// <summary>Why <paramref name="userName"/> cannot name an account, or null.</summary>
    public static string? CheckUserName(string? userName) =>
        string.IsNullOrWhiteSpace(userName) || userName.Length > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@')
            ? "a user name is 1 to 64 letters, digits and . _ - @"
            : null;

    /// <summary>Adds an account; null on success, else why not (a bad name or password, a name in use).</summary>
    public static async Task<string?> AddAsync(OwnStore store, string userName, string password, StaffRole role, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if ((CheckUserName(userName) ?? StaffPasswords.Check(password)) is { } invalid)
        {
            return invalid;
        }

        var name = userName.ToLowerInvariant();
        var hash = StaffPasswords.Hash(password);
        return await store.WriteAsync<string?>(async (tx, ct) =>
        {
            using (var exists = tx.Command("SELECT COUNT(*) FROM staff_accounts WHERE user_name = @name").With("@name", name))
            {
                if (await exists.ScalarLongAsync(ct).ConfigureAwait(false) > 0)
                {
                    return $"there is already an account '{name}'";
                }
            }

            using var insert = tx.Command("INSERT INTO staff_accounts (user_name, password_hash, role, created_at, stamp) VALUES (@name, @hash, @role, @at, @stamp)")
                .With("@name", name).With("@hash", hash).With("@role", Name(role)).With("@at", StoreTime.ToMicros(store.Time.GetUtcNow())).With("@stamp", NewStamp());
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            tx.Audit(new AuditEntry(actor, "staff.add", null, $"{name} {Name(role)}"));
            return null;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks a sign-in. A wrong password counts a failure; <see cref="LockoutRule.MaxFailures"/> in a row lock the
    /// account for <see cref="LockoutRule.Duration"/> (audited), during which even the right password is refused.
    /// </summary>
    public static async Task<SignInResult> SignInAsync(OwnStore store, string? userName, string? password, LockoutRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(rule);
        var name = (userName ?? "").Trim().ToLowerInvariant();
        var row = CheckUserName(name) is null ? await ReadAsync(store, name, cancellationToken).ConfigureAwait(false) : null;
        if (row is null)
        {
            StaffPasswords.Verify(password, DummyHash.Value);
            return new SignInResult(SignInOutcome.WrongCredentials, null);
        }

        var (account, hash) = row.Value;
        var now = store.Time.GetUtcNow();
        var right = StaffPasswords.Verify(password, hash);
        if (!account.Enabled)
        {
            return new SignInResult(SignInOutcome.Disabled, null);
        }

        if (account.LockedUntil is { } until && until > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, null, until);
        }

        return await store.WriteAsync(async (tx, ct) =>
        {
            if (right)
            {
                using var reset = tx.Command("UPDATE staff_accounts SET failed_attempts = 0, locked_until = NULL WHERE user_name = @name").With("@name", name);
                await reset.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                tx.Audit(new AuditEntry(name, "staff.sign_in", null, null));
                return new SignInResult(SignInOutcome.Succeeded, account with { LockedUntil = null });
            }

            // Counted in the statement itself, so failures on two instances at once both count.
            using var count = tx.Command("UPDATE staff_accounts SET failed_attempts = failed_attempts + 1 WHERE user_name = @name RETURNING failed_attempts").With("@name", name);
            var failures = await count.ScalarLongAsync(ct).ConfigureAwait(false);
            if (failures < rule.MaxFailures)
            {
                return new SignInResult(SignInOutcome.WrongCredentials, null);
            }

            var lockedUntil = now + rule.Duration;
            using var lockIt = tx.Command("UPDATE staff_accounts SET failed_attempts = 0, locked_until = @until WHERE user_name = @name")
                .With("@until", StoreTime.ToMicros(lockedUntil)).With("@name", name);
            await lockIt.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            tx.Audit(new AuditEntry("system", "staff.locked", null, $"{name} after {failures.ToString(CultureInfo.InvariantCulture)} failed sign-ins"));
            return new SignInResult(SignInOutcome.LockedOut, null, lockedUntil);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The account <paramref name="userName"/>, or null.</summary>
    public static async Task<StaffAccount?> FindAsync(OwnStore store, string userName, CancellationToken cancellationToken = default) =>
        (await ReadAsync(store, userName.ToLowerInvariant(), cancellationToken).ConfigureAwait(false))?.Account;

    /// <summary>Every account, by name.</summary>
    public static Task<IReadOnlyList<StaffAccount>> ListAsync(OwnStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReadAsync<IReadOnlyList<StaffAccount>>(async (session, ct) =>
        {
            using var select = session.Command($"SELECT {Columns} FROM staff_accounts ORDER BY user_name");
            using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var list = new List<StaffAccount>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                list.Add(Read(reader).Account);
            }

            return list;
        }, cancellationToken);
    }

    /// <summary>Disables an account: it can no longer sign in and its sessions end. False when there is no such enabled account.</summary>
    public static Task<bool> DisableAsync(OwnStore store, string userName, string actor, CancellationToken cancellationToken = default) =>
        UpdateAsync(store, userName, "disabled_at = @at, stamp = @stamp", [("@at", StoreTime.ToMicros(store.Time.GetUtcNow())), ("@stamp", NewStamp())],
            " AND disabled_at IS NULL", actor, "staff.disable", cancellationToken);

    /// <summary>Sets a new password (and lifts a lock); null on success, else why not.</summary>
    public static async Task<string?> SetPasswordAsync(OwnStore store, string userName, string password, string actor, CancellationToken cancellationToken = default)
    {
        if (StaffPasswords.Check(password) is { } invalid)
        {
            return invalid;
        }

        return await UpdateAsync(store, userName, "password_hash = @hash, failed_attempts = 0, locked_until = NULL, stamp = @stamp",
            [("@hash", StaffPasswords.Hash(password)), ("@stamp", NewStamp())], "", actor, "staff.set_password", cancellationToken).ConfigureAwait(false)
            ? null
            : $"no account '{userName}'";
    }

    private static Task<bool> UpdateAsync(OwnStore store, string userName, string set, (string Name, object? Value)[] values, string condition, string actor, string action,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var name = userName.ToLowerInvariant();
        return store.WriteAsync(async (tx, ct) =>
        {
            using var update = tx.Command($"UPDATE staff_accounts SET {set} WHERE user_name = @name{condition}").With("@name", name);
            foreach (var (parameter, value) in values)
            {
                update.With(parameter, value);
            }

            var changed = await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            if (changed)
            {
                tx.Audit(new AuditEntry(actor, action, null, name));
            }

            return changed;
        }, cancellationToken);
    }

    private const string Columns = "user_name, role, created_at, disabled_at, locked_until, stamp, password_hash";

    private static Task<(StaffAccount Account, string Hash)?> ReadAsync(OwnStore store, string name, CancellationToken cancellationToken) =>
        store.ReadAsync<(StaffAccount, string)?>(async (session, ct) =>
        {
            using var select = session.Command($"SELECT {Columns} FROM staff_accounts WHERE user_name = @name").With("@name", name);
            using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(reader) : null;
        }, cancellationToken);

    private static (StaffAccount Account, string Hash) Read(System.Data.Common.DbDataReader reader) =>
        (new StaffAccount(reader.GetString(0), ParseRole(reader.GetString(1)) ?? StaffRole.Viewer, StoreTime.FromMicros(reader.GetInt64(2)),
            reader.IsDBNull(3) ? null : StoreTime.FromMicros(reader.GetInt64(3)), reader.IsDBNull(4) ? null : StoreTime.FromMicros(reader.GetInt64(4)), reader.GetString(5)),
            reader.GetString(6));

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
