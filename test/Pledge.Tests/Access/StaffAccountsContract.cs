using Pledge.Access;
using Pledge.Audit;
using Pledge.Requests;
using Pledge.Storage;
using Pledge.Tests.Support;

namespace Pledge.Tests.Access;

/// <summary>Staff accounts and kept exports, the same on SQLite and PostgreSQL.</summary>
public abstract class StaffAccountsContract : StoreTests
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task AddAsync_StoresOnlyASlowHash_AndAuditsTheChange()
    {
        Assert.Null(await StaffAccounts.AddAsync(Store, "Jo.Officer", Password, StaffRole.PrivacyOfficer, "cli:test"));

        var hash = await Store.ReadAsync(async (s, ct) => (string)(await s.Command("SELECT password_hash FROM staff_accounts").ExecuteScalarAsync(ct))!);
        Assert.StartsWith("pbkdf2-sha256$600000$", hash, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, hash, StringComparison.Ordinal);
        var account = Assert.Single(await StaffAccounts.ListAsync(Store));
        Assert.Equal(("jo.officer", StaffRole.PrivacyOfficer), (account.UserName, account.Role));
        Assert.Equal("there is already an account 'jo.officer'", await StaffAccounts.AddAsync(Store, "jo.officer", Password, StaffRole.Viewer, "cli:test"));
        Assert.Equal("the password must have at least 12 characters", await StaffAccounts.AddAsync(Store, "short", "abc", StaffRole.Viewer, "cli:test"));
        Assert.True((await AuditLog.VerifyAsync(Store)).Entries >= 1);
    }

    [Fact]
    public async Task SignInAsync_RepeatedFailures_LockUntilTheDurationPasses()
    {
        Assert.Null(await StaffAccounts.AddAsync(Store, "sam", Password, StaffRole.Viewer, "test"));
        var rule = new LockoutRule(MaxFailures: 3, Duration: TimeSpan.FromMinutes(10));

        Assert.Equal(SignInOutcome.WrongCredentials, (await StaffAccounts.SignInAsync(Store, "nobody", Password, rule)).Outcome);
        Assert.Equal(SignInOutcome.WrongCredentials, (await StaffAccounts.SignInAsync(Store, "sam", "wrong password 1", rule)).Outcome);
        Assert.Equal(SignInOutcome.WrongCredentials, (await StaffAccounts.SignInAsync(Store, "sam", "wrong password 2", rule)).Outcome);
        Assert.Equal(SignInOutcome.LockedOut, (await StaffAccounts.SignInAsync(Store, "sam", "wrong password 3", rule)).Outcome);
        Assert.Equal(SignInOutcome.LockedOut, (await StaffAccounts.SignInAsync(Store, "sam", Password, rule)).Outcome);

        Time.Advance(TimeSpan.FromMinutes(11));
        var signedIn = await StaffAccounts.SignInAsync(Store, "SAM", Password, rule);
        Assert.Equal(SignInOutcome.Succeeded, signedIn.Outcome);
        Assert.Equal("sam", signedIn.Account!.UserName);
    }

    [Fact]
    public async Task DisableAndSetPassword_ChangeTheStamp_AndDisabledCannotSignIn()
    {
        Assert.Null(await StaffAccounts.AddAsync(Store, "kim", Password, StaffRole.Admin, "test"));
        var before = (await StaffAccounts.FindAsync(Store, "kim"))!.Stamp;
        Assert.Null(await StaffAccounts.SetPasswordAsync(Store, "kim", "another long password", "test"));
        var after = (await StaffAccounts.FindAsync(Store, "kim"))!.Stamp;
        Assert.NotEqual(before, after);
        Assert.Equal(SignInOutcome.WrongCredentials, (await StaffAccounts.SignInAsync(Store, "kim", Password, new LockoutRule())).Outcome);

        Assert.True(await StaffAccounts.DisableAsync(Store, "kim", "test"));
        Assert.False(await StaffAccounts.DisableAsync(Store, "kim", "test"));
        Assert.Equal(SignInOutcome.Disabled, (await StaffAccounts.SignInAsync(Store, "kim", "another long password", new LockoutRule())).Outcome);
        Assert.Equal("no account 'ghost'", await StaffAccounts.SetPasswordAsync(Store, "ghost", "another long password", "test"));
    }

    [Fact]
    public async Task RequestExports_AreKeptUntilTheyExpire_AndReplacedByANewRun()
    {
        await RequestExports.SaveAsync(Store, 7, "request-7-access.zip", [1, 2, 3], TimeSpan.FromDays(2), "test");
        await RequestExports.SaveAsync(Store, 7, "request-7-access.zip", [4, 5], TimeSpan.FromDays(2), "test");

        Assert.Equal(new byte[] { 4, 5 }, (await RequestExports.FindAsync(Store, 7))!.Content);
        Assert.Null(await RequestExports.FindAsync(Store, 8));
        Time.Advance(TimeSpan.FromDays(3));
        Assert.Null(await RequestExports.FindAsync(Store, 7));
    }
}

public sealed class SqliteStaffAccountsTests : StaffAccountsContract
{
    protected override Task<StoreLocation> NewLocationAsync() => Task.FromResult(SqliteStore.NewLocation());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresStaffAccountsTests(PostgresServer server) : StaffAccountsContract
{
    protected override Task<StoreLocation> NewLocationAsync() => PostgresStore.NewLocationAsync(server, "staff");
}
