using System.Globalization;
using Pledge.Audit;
using Pledge.Storage;
using Pledge.Tests.Support;

namespace Pledge.Tests.Audit;

/// <summary>Tampering with the audit log is detected, on both dialects.</summary>
public abstract class AuditLogTests : StoreTests
{
    protected override async Task OnInitializedAsync()
    {
        for (var i = 1; i <= 5; i++)
        {
            await AuditLog.AppendAsync(Store, new AuditEntry("staff:jo", "test.step", new Pseudonym("s_abc"), "step " + i.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private Task<long> SeqOfStepAsync(int step) => ScalarAsync($"SELECT seq FROM audit_log WHERE detail = 'step {step}'");

    [Fact]
    public async Task VerifyAsync_Untouched_IsIntactAndReportsTheHead()
    {
        var result = await AuditLog.VerifyAsync(Store);

        Assert.True(result.Intact, result.Message);
        Assert.Equal(result.HeadSequence, result.Entries);
        Assert.Equal(64, result.HeadHash.Length);
    }

    [Fact]
    public async Task VerifyAsync_EntryEdited_ReportsThatEntry()
    {
        var seq = await SeqOfStepAsync(3);
        await ExecuteRawAsync(Drop() + $"UPDATE audit_log SET actor = 'staff:mallory' WHERE seq = {seq}");

        var result = await AuditLog.VerifyAsync(Store);

        Assert.Equal(AuditBreak.Edited, result.Break);
        Assert.Equal(seq, result.BrokenAt);
    }

    [Fact]
    public async Task VerifyAsync_EntryRemoved_ReportsTheGap()
    {
        var seq = await SeqOfStepAsync(2);
        await ExecuteRawAsync(Drop() + $"DELETE FROM audit_log WHERE seq = {seq}");

        var result = await AuditLog.VerifyAsync(Store);

        Assert.Equal(AuditBreak.Missing, result.Break);
        Assert.Equal(seq, result.BrokenAt);
    }

    [Fact]
    public async Task VerifyAsync_EntryRemovedAndLaterOnesRenumbered_ReportsTheFirstRenumbered()
    {
        var seq = await SeqOfStepAsync(2);
        await ExecuteRawAsync(Drop() + $"DELETE FROM audit_log WHERE seq = {seq}; UPDATE audit_log SET seq = seq - 1 WHERE seq > {seq}; UPDATE audit_head SET seq = seq - 1");

        var result = await AuditLog.VerifyAsync(Store);

        Assert.Equal(AuditBreak.Edited, result.Break);
        Assert.Equal(seq, result.BrokenAt);
    }

    [Fact]
    public async Task VerifyAsync_TwoEntriesSwapped_ReportsTheFirstOfThem()
    {
        var a = await SeqOfStepAsync(2);
        var b = await SeqOfStepAsync(4);
        await ExecuteRawAsync(Drop() + $"UPDATE audit_log SET seq = -1 WHERE seq = {a}; UPDATE audit_log SET seq = {a} WHERE seq = {b}; UPDATE audit_log SET seq = {b} WHERE seq = -1");

        var result = await AuditLog.VerifyAsync(Store);

        Assert.Equal(AuditBreak.Edited, result.Break);
        Assert.Equal(a, result.BrokenAt);
    }

    [Fact]
    public async Task VerifyAsync_LastEntriesRemoved_ReportsTruncation()
    {
        var seq = await SeqOfStepAsync(4);
        await ExecuteRawAsync(Drop() + $"DELETE FROM audit_log WHERE seq >= {seq}");

        var result = await AuditLog.VerifyAsync(Store);

        Assert.Equal(AuditBreak.Truncated, result.Break);
        Assert.Equal(seq, result.BrokenAt);
    }

    [Fact]
    public async Task VerifyAsync_WithoutDroppingTheTriggers_EditsAreRefused()
    {
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteRawAsync("UPDATE audit_log SET actor = 'x'"));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => ExecuteRawAsync("DELETE FROM audit_log"));
    }

    /// <summary>SQL that removes the append-only guard, as an intruder with database access would first.</summary>
    private string Drop() => Store.Kind == StoreKind.Postgres
        ? "DROP TRIGGER audit_log_append_only ON audit_log; "
        : "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; ";
}

public sealed class SqliteAuditLogTests : AuditLogTests
{
    protected override Task<StoreLocation> NewLocationAsync() => Task.FromResult(SqliteStore.NewLocation());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditLogTests(PostgresServer server) : AuditLogTests
{
    protected override Task<StoreLocation> NewLocationAsync() => PostgresStore.NewLocationAsync(server);
}
