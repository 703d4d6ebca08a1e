using System.Text;
using System.Text.Json;
using Pledge.Consent;
using Pledge.Consent.Export;
using Pledge.Consent.Import;
using Pledge.Storage;
using Pledge.Tests.Support;

namespace Pledge.Tests.Consent;

/// <summary>CSV import (all or nothing, every rejected row reported) and receipt export, on both stores.</summary>
public abstract class ConsentImportTests : LedgerTests
{
    private const string Header = "identifier,event,activity,at,policy_version,channel,signal,actor,idempotency_key";

    private Task<ImportReport> ImportAsync(string csv, ImportOptions? options = null) =>
        new ConsentImporter(Ledger).ImportAsync(() => new StringReader(csv), options);

    [Fact]
    public async Task ImportAsync_ValidFile_ImportsEveryRowWithItsEvidence()
    {
        var csv = $"""
            {Header}
            email:ada@example.com,consent_given,newsletter,2025-03-01T09:30:00Z,{TestPolicy.Version},web_form,,subject,crm-1
            Ada@Example.com,consent_given,website-analytics,2025-03-01T09:31:00+01:00,{TestPolicy.Version},cookie_banner,,subject,crm-2
            "phone:+44 1223 000000",objection,,2025-04-01T00:00:00Z,{TestPolicy.Version},verbal,,staff:jo,crm-3
            account_id:A-9,consent_withdrawn,,2025-05-01T00:00:00Z,{TestPolicy.Version},cookie_banner,gpc,subject,crm-4
            """;

        var report = await ImportAsync(csv);

        Assert.True(report.Committed, report.FileError ?? string.Join("; ", report.Rejected));
        Assert.Equal((4L, 4L, 0L, 0L), (report.Rows, report.Imported, report.Duplicates, report.RejectedCount));
        Assert.Equal(3, await ScalarAsync("SELECT count(*) FROM subjects"));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM ledger_events WHERE idempotency_key = 'crm-2' AND channel = 'cookie_banner' AND at = " +
            StoreTime.ToMicros(new DateTimeOffset(2025, 3, 1, 8, 31, 0, TimeSpan.Zero))));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM consent_state WHERE facet = 4"));
        Assert.Equal(1, await ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'consent.imported'"));
    }

    [Fact]
    public async Task ImportAsync_BadRows_ImportsNothingAndReportsEachWithItsLine()
    {
        var csv = $"""
            {Header}
            email:ada@example.com,consent_given,newsletter,2025-03-01T09:30:00Z,{TestPolicy.Version},web_form,,subject,k1
            email:not-an-address,consent_given,newsletter,2025-03-01T09:30:00Z,{TestPolicy.Version},web_form,,subject,k2
            "email:bob@example.com","consent_given","newsletter
            with a line break","2025-03-01T09:30:00Z",{TestPolicy.Version},web_form,,subject,k3
            email:cy@example.com,consent_given,billing,2025-03-01T09:30:00Z,{TestPolicy.Version},web_form,,subject,k4
            email:di@example.com,consent_given,newsletter,yesterday,{TestPolicy.Version},web_form,,subject,k5
            email:ed@example.com,consent_given,newsletter,2025-03-01T09:30:00Z,1999.1,web_form,,subject,k6
            email:fi@example.com,consent_given,newsletter,2025-03-01T09:30:00Z,{TestPolicy.Version},carrier_pigeon,,subject,k7
            email:gu@example.com,consent_given,newsletter
            """;

        var report = await ImportAsync(csv);

        Assert.False(report.Committed);
        Assert.Equal(8, report.Rows);
        Assert.Equal([3, 4, 6, 7, 8, 9, 10], report.Rejected.Select(r => r.Line));
        Assert.Contains("name@domain.tld", report.Rejected[0].Reason);
        Assert.Contains("no activity 'newsletter\nwith a line break'", report.Rejected[1].Reason);
        Assert.Contains("does not rely on consent", report.Rejected[2].Reason);
        Assert.Contains("at must be a date", report.Rejected[3].Reason);
        Assert.Contains("never deployed", report.Rejected[4].Reason);
        Assert.Contains("channel must be", report.Rejected[5].Reason);
        Assert.Contains("3 fields", report.Rejected[6].Reason);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM ledger_events"));
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM subjects"));
    }

    [Fact]
    public async Task ImportAsync_BadRowAfterChunksWereWritten_RollsBackEverything()
    {
        var csv = new StringBuilder(Header + "\n");
        for (var i = 0; i < ConsentImporter.ChunkSize + 100; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"account_id:A-{i},consent_given,newsletter,2025-03-01T09:30:00Z,{TestPolicy.Version},web_form,,subject,k{i}\n");
        }

        csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"account_id:late,consent_given,no-such-activity,2025-03-01T09:30:00Z,{TestPolicy.Version},web_form,,subject,late\n");
        var auditBefore = await ScalarAsync("SELECT count(*) FROM audit_log");

        var report = await ImportAsync(csv.ToString());

        Assert.False(report.Committed);
        Assert.Equal(ConsentImporter.ChunkSize + 102, Assert.Single(report.Rejected).Line);
        Assert.Equal(0, await ScalarAsync("SELECT count(*) FROM ledger_events"));
        Assert.Equal(auditBefore, await ScalarAsync("SELECT count(*) FROM audit_log"));
        Assert.True((await Pledge.Audit.AuditLog.VerifyAsync(Store)).Intact);
    }

    [Fact]
    public async Task ImportAsync_SkipInvalid_ImportsTheValidRowsAndReportsTheRest()
    {
        var csv = $"""
            {Header}
            email:ada@example.com,consent_given,newsletter,2025-03-01T09:30:00Z,{TestPolicy.Version},web_form,,subject,k1
            email:bad,consent_given,newsletter,2025-03-01T09:30:00Z,{TestPolicy.Version},web_form,,subject,k2
            """;

        var report = await ImportAsync(csv, new ImportOptions { SkipInvalid = true });

        Assert.True(report.Committed);
        Assert.Equal((1L, 1L), (report.Imported, report.RejectedCount));
        Assert.Equal(3, Assert.Single(report.Rejected).Line);
    }

    [Fact]
    public async Task ImportAsync_SameFileWithoutKeysTwice_StoresEachRowOnce()
    {
        var csv = $"""
            identifier_kind,identifier_value,event,activity,at,policy_version
            email,ada@example.com,consent_given,newsletter,2025-03-01T09:30:00Z,{TestPolicy.Version}
            email,ada@example.com,consent_withdrawn,newsletter,2025-03-02T09:30:00Z,{TestPolicy.Version}
            """;

        var first = await ImportAsync(csv);
        var second = await ImportAsync(csv);

        Assert.Equal((2L, 0L), (first.Imported, first.Duplicates));
        Assert.Equal((0L, 2L), (second.Imported, second.Duplicates));
        Assert.Equal(2, await ScalarAsync("SELECT count(*) FROM ledger_events"));
    }

    [Theory]
    [InlineData("identifier,event,at,policy_version,colour\n", "unknown column 'colour'")]
    [InlineData("identifier,event,activity\n", "missing column(s): at, policy_version")]
    [InlineData("", "empty")]
    [InlineData("identifier,event,at,policy_version\n\"email:a@b.co,consent_given", "not closed")]
    public async Task ImportAsync_BadFile_ReportsAFileErrorAndImportsNothing(string csv, string expected)
    {
        var report = await ImportAsync(csv);

        Assert.False(report.Committed);
        Assert.Contains(expected, report.FileError);
    }

    [Fact]
    public async Task Write_Receipt_HasTheKantaraFieldsAndNoIdentifier()
    {
        var result = await AppendAsync(Event("email:ada@example.com", LedgerEventKind.ConsentGiven, "newsletter"));
        var stored = Assert.Single(await LedgerHistory.OfSubjectAsync(Store, result.SubjectId));
        using var output = new MemoryStream();

        new ConsentReceiptWriter(TestPolicy.Policy, Pseudonyms).Write(output, stored, Pseudonyms.KeyId);

        var text = Encoding.UTF8.GetString(output.ToArray());
        Assert.EndsWith("\n", text);
        Assert.DoesNotContain("ada", text);
        using var receipt = JsonDocument.Parse(text);
        var root = receipt.RootElement;
        Assert.Equal("KI-CR-v1.1.0", root.GetProperty("version").GetString());
        Assert.Equal("GB", root.GetProperty("jurisdiction").GetString());
        Assert.Equal(Time.GetUtcNow().ToUnixTimeSeconds(), root.GetProperty("consentTimestamp").GetInt64());
        Assert.Equal("web_form", root.GetProperty("collectionMethod").GetString());
        Assert.Equal(Pseudonyms.Subject(result.SubjectId).Value, root.GetProperty("piiPrincipalId").GetString());
        Assert.Equal("Farlink Remote Ltd", root.GetProperty("piiControllers")[0].GetProperty("piiController").GetString());
        Assert.Equal("https://farlink.example/privacy", root.GetProperty("policyUrl").GetString());
        var purpose = root.GetProperty("services")[0].GetProperty("purposes")[0];
        Assert.Equal("marketing", purpose.GetProperty("purposeCategory")[0].GetString());
        Assert.Equal("EXPLICIT", purpose.GetProperty("consentType").GetString());
        Assert.Contains("user.contact.email", purpose.GetProperty("piiCategory").EnumerateArray().Select(c => c.GetString()));
        Assert.False(root.GetProperty("sensitive").GetBoolean());
        Assert.Equal(TestPolicy.Version, root.GetProperty("policyVersion").GetString());
        Assert.False(root.TryGetProperty("publicKey", out _));
    }
}

public sealed class SqliteConsentImportTests : ConsentImportTests
{
    protected override Task<StoreLocation> NewLocationAsync() => Task.FromResult(SqliteStore.NewLocation());
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresConsentImportTests(PostgresServer server) : ConsentImportTests
{
    protected override Task<StoreLocation> NewLocationAsync() => PostgresStore.NewLocationAsync(server);
}
