using Pledge.Access;
using Pledge.Cli.Commands;
using Pledge.Storage;

namespace Pledge.Tests.Cli;

/// <summary><c>pledge admin</c>: the password never comes from an argument.</summary>
[Collection(nameof(AdminCommandTests))]
public sealed class AdminCommandTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "pledge-admin-cli-" + Guid.NewGuid().ToString("N") + ".db");

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Add_PasswordFromTheEnvironment_CreatesAnAccountThatSignsIn()
    {
        Environment.SetEnvironmentVariable(AdminCommand.PasswordVariable, "a password from the environment");
        try
        {
            var run = CommandRun.Of(AdminCommand.Create(), "add", "Pat", "--role", "privacy-officer", "--store", "sqlite:" + _file);
            Assert.Equal(0, run.ExitCode);
            var disabled = CommandRun.Of(AdminCommand.Create(), "disable", "nobody", "--store", "sqlite:" + _file);
            Assert.NotEqual(0, disabled.ExitCode);
        }
        finally
        {
            Environment.SetEnvironmentVariable(AdminCommand.PasswordVariable, null);
        }

        await using var store = await OwnStore.OpenAsync(StoreLocation.Parse("sqlite:" + _file).Location!);
        var signIn = await StaffAccounts.SignInAsync(store, "pat", "a password from the environment", new LockoutRule());
        Assert.Equal(SignInOutcome.Succeeded, signIn.Outcome);
        Assert.Equal(StaffRole.PrivacyOfficer, signIn.Account!.Role);
    }

    [Fact]
    public async Task Add_WithoutAPasswordAndNoTerminal_FailsAndAddsNothing()
    {
        var run = CommandRun.Of(AdminCommand.Create(), "add", "pat", "--role", "viewer", "--store", "sqlite:" + _file);

        Assert.Equal(Pledge.Cli.ExitCodes.Usage, run.ExitCode);
        await using var store = await OwnStore.OpenAsync(StoreLocation.Parse("sqlite:" + _file).Location!);
        Assert.Empty(await StaffAccounts.ListAsync(store));
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
        return Task.CompletedTask;
    }
}
