using Pledge.Tests.Support;

namespace Pledge.Tests.Consent;

/// <summary>The pledge consent and audit commands end to end, as a child process on a SQLite store.</summary>
public sealed class ConsentCliTests : IDisposable
{
    private readonly string _path = SqliteStore.NewLocation().Target;

    private string Store => "sqlite:" + _path;

    public void Dispose() => SqliteStore.Delete(_path);

    [Fact]
    public async Task Give_ThenDecideAndShow_AllowsWithReasonsAndExitCodes()
    {
        var give = await CliProcess.RunAsync(Store, "consent", "give", "email:Ada@Example.com", "newsletter", "--channel", "web_form", "--idempotency-key", "k1");
        var retry = await CliProcess.RunAsync(Store, "consent", "give", "email:ada@example.com", "newsletter", "--idempotency-key", "k1");
        var allowed = await CliProcess.RunAsync(Store, "consent", "decide", "newsletter", "email:ada@example.com");
        var denied = await CliProcess.RunAsync(Store, "consent", "decide", "website-analytics", "email:ada@example.com");
        var show = await CliProcess.RunAsync(Store, "consent", "show", "email:ada@example.com", "--json");

        Assert.Equal((0, "recorded event 1 (consent_given newsletter) for email:ada@example.com\n"), (give.ExitCode, give.Output));
        Assert.Contains("already recorded as event 1", retry.Output);
        Assert.Equal((0, "allow: consent given under the current terms, not withdrawn or expired\n"), (allowed.ExitCode, allowed.Output));
        Assert.Equal((3, "deny: the subject has not given consent\n"), (denied.ExitCode, denied.Output));
        Assert.Contains("\"activity\": \"newsletter\"", show.Output);
    }

    [Fact]
    public async Task Give_ActivityWithoutConsent_IsRefusedWithExit65()
    {
        var run = await CliProcess.RunAsync(Store, "consent", "give", "email:ada@example.com", "billing");

        Assert.Equal(65, run.ExitCode);
        Assert.EndsWith("pledge: refused: activity 'billing' does not rely on consent (lawful basis legal_obligation, no consent mode)\n", run.Error);
    }

    [Fact]
    public async Task AnyCommand_WithoutAKey_RefusesWithExit78UnlessLocal()
    {
        var refused = await CliProcess.RunAsync(Store, false, "consent", "show", "email:ada@example.com");

        Assert.Equal(78, refused.ExitCode);
        Assert.Contains("PLEDGE_PSEUDONYM_KEY is not set", refused.Error);
        Assert.DoesNotContain("   at ", refused.Error);
    }

    [Fact]
    public async Task Store_BadConnectionString_ExplainsWithoutThePassword()
    {
        var run = await CliProcess.RunAsync("postgres:Host=db;Password=hunter2-secret;Pooling=maybe", "audit", "verify");

        Assert.Equal(78, run.ExitCode);
        Assert.DoesNotContain("hunter2", run.Error + run.Output);
    }

    [Fact]
    public async Task Import_RejectedRows_ReportedByLineAndNothingImported()
    {
        var csv = Path.Combine(Path.GetTempPath(), $"pledge-import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, "identifier,event,activity,at,policy_version\nemail:a@example.com,consent_given,newsletter,2026-01-01T00:00:00Z,2026.11\nemail:b@example.com,consent_given,newsletter,2026-01-01T00:00:00Z,1999\n");
        try
        {
            var run = await CliProcess.RunAsync(Store, "consent", "import", csv);
            var decide = await CliProcess.RunAsync(Store, "consent", "decide", "newsletter", "email:a@example.com");

            Assert.Equal(65, run.ExitCode);
            Assert.StartsWith($"{csv}:3: rejected: policy version '1999' was never deployed", run.Output);
            Assert.Contains("nothing imported", run.Error);
            Assert.Equal(3, decide.ExitCode);
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task AuditVerify_AfterTampering_ReportsTheEntryWithExit4()
    {
        await CliProcess.RunAsync(Store, "consent", "give", "email:ada@example.com", "newsletter");
        var intact = await CliProcess.RunAsync(Store, "audit", "verify");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path};Pooling=false"))
        {
            await connection.OpenAsync();
            using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3";
            await command.ExecuteNonQueryAsync();
        }

        var broken = await CliProcess.RunAsync(Store, "audit", "verify");

        Assert.Equal(0, intact.ExitCode);
        Assert.StartsWith("OK: ", intact.Output);
        Assert.Equal(4, broken.ExitCode);
        Assert.StartsWith("BROKEN at entry 3: entry 3 does not match its hash", broken.Output);
    }
}
