using System.Collections.Immutable;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Pledge.Audit;
using Pledge.Consent;
using Pledge.Erasure;
using Pledge.Requests;
using Pledge.Requests.Email;
using Pledge.Tests.Connectors;
using Pledge.Tests.Erasure;
using Pledge.Tests.Support;
using SubjectIdentifier = Pledge.Connectors.Locating.SubjectIdentifier;

namespace Pledge.Tests.Requests;

/// <summary>
/// The request lifecycle and its fulfilment on each store: the own store and the demo databases both SQLite, or both
/// PostgreSQL. Codes are read back from a file outbox.
/// </summary>
public abstract partial class RequestsContract : StoreTests
{
    private static readonly PseudonymKey Key = PseudonymKey.Parse(new string('5', 64)).Key!;

    private string _outbox = "";
    private DemoDatabase? _db;
    private ConsentLedger? _ledger;

    /// <summary>A demo database of this store, seeded for each test (tests change it).</summary>
    protected abstract Task<DemoDatabase> SeedAsync();

    protected DemoDatabase Db => _db!;

    protected RequestDesk Desk { get; private set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        _db ??= await SeedAsync();
        _outbox = Path.Combine(Path.GetTempPath(), "pledge-outbox-" + Guid.NewGuid().ToString("N")[..12]);
        await PolicyVersions.DeployAsync(Store, Db.Policy.Notice.Version, null, "test");
        var pseudonyms = await Pseudonymizer.ForStoreAsync(Store, Key);
        _ledger = await ConsentLedger.OpenAsync(Store, Db.Policy, pseudonyms);
        Desk = new RequestDesk(Store, Db.Policy, Key, new FileOutboxEmailSender("privacy@farlink.example", _outbox, Time));
    }

    public override async Task DisposeAsync()
    {
        if (_ledger is not null)
        {
            await _ledger.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected RequestRunner Runner(Action<ErasureStatement>? before = null) =>
        new(Desk, Db.Connectors, FieldErasureContract.Key, _ledger!) { BeforeErasureStatement = before };

    protected ConsentLedger Ledger => _ledger!;

    [Fact]
    public async Task Submit_WithContact_SendsACodeAndIsDueOneMonthLater()
    {
        var result = await Desk.SubmitAsync(new RequestSubmission(RequestKind.Access, SubjectIdentifier.Email("Ada@Example.org"), "ada@example.org"), "subject");

        var request = result.Request!;
        Assert.Equal(RequestStatus.Received, request.Status);
        Assert.Equal(Time.GetUtcNow().AddMonths(1), request.Due);
        Assert.Equal("ada@example.org", request.Subject.Value);
        var code = LastCode();
        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal(0L, await ScalarAsync($"SELECT count(*) FROM requests WHERE code_hash LIKE '%{code}%'"));
    }

    [Fact]
    public async Task Verify_RightCode_ErasureAwaitsApprovalAccessIsReady()
    {
        var erasure = await SubmitVerifiedAsync(RequestKind.Erasure, "a@example.org");
        var access = await SubmitVerifiedAsync(RequestKind.Access, "b@example.org");

        Assert.Equal(RequestStatus.AwaitingApproval, erasure.Status);
        Assert.Equal(RequestStatus.Verified, access.Status);
        var approved = await Desk.ApproveAsync(erasure.Id, "staff:jo");
        Assert.Equal(RequestStatus.Verified, approved.Request!.Status);
        Assert.Equal("staff:jo", approved.Request.ApprovedBy);
        var again = await Desk.ApproveAsync(erasure.Id, "staff:jo");
        Assert.Equal(RequestErrorKind.WrongStatus, again.Error!.Kind);
    }

    [Fact]
    public async Task Verify_WrongCodes_CountedThenLockedOut()
    {
        var request = (await Desk.SubmitAsync(new RequestSubmission(RequestKind.Access, SubjectIdentifier.Email("c@example.org"), "c@example.org"), "subject")).Request!;
        var code = LastCode();
        var wrong = code == "000000" ? "111111" : "000000";

        for (var i = 0; i < RequestDesk.MaxCodeAttempts; i++)
        {
            Assert.Equal(RequestErrorKind.CodeInvalid, (await Desk.VerifyAsync(request.Id, wrong, "subject")).Error!.Kind);
        }

        Assert.Equal(RequestErrorKind.TooManyAttempts, (await Desk.VerifyAsync(request.Id, code, "subject")).Error!.Kind);
        Assert.Equal(RequestDesk.MaxCodeAttempts, await ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'request.code_rejected'"));
        await Desk.SendCodeAsync(request.Id, "subject");
        Assert.True((await Desk.VerifyAsync(request.Id, LastCode(), "subject")).Succeeded);
    }

    [Fact]
    public async Task Verify_ExpiredCode_Refused()
    {
        var request = (await Desk.SubmitAsync(new RequestSubmission(RequestKind.Access, SubjectIdentifier.Email("d@example.org"), "d@example.org"), "subject")).Request!;
        Time.Advance(RequestDesk.CodeLifetime + TimeSpan.FromSeconds(1));

        Assert.Equal(RequestErrorKind.CodeExpired, (await Desk.VerifyAsync(request.Id, LastCode(), "subject")).Error!.Kind);
    }

    [Fact]
    public async Task Extend_OnceByUpToTwoMonths_RecordsTheReason()
    {
        var request = (await Desk.SubmitAsync(new RequestSubmission(RequestKind.Access, SubjectIdentifier.Email("e@example.org"), null), "staff:jo")).Request!;

        Assert.Equal(RequestErrorKind.ExtensionRefused, (await Desk.ExtendAsync(request.Id, ExtensionReason.Complexity, null, new Pledge.Policy.Model.PolicyDuration(0, 3, 0), "staff:jo")).Error!.Kind);
        var extended = (await Desk.ExtendAsync(request.Id, ExtensionReason.Complexity, "many systems", null, "staff:jo")).Request!;
        Assert.Equal(request.ReceivedAt.AddMonths(3), extended.Due);
        Assert.Equal(ExtensionReason.Complexity, extended.Extension);
        Assert.Equal(RequestErrorKind.ExtensionRefused, (await Desk.ExtendAsync(request.Id, ExtensionReason.NumberOfRequests, null, null, "staff:jo")).Error!.Kind);
    }

    [Fact]
    public async Task List_OverdueAndDueSoon_ByDeadline()
    {
        var old = (await Desk.SubmitAsync(new RequestSubmission(RequestKind.Access, SubjectIdentifier.Email("f@example.org"), null), "staff")).Request!;
        Time.Advance(TimeSpan.FromDays(20));
        var recent = (await Desk.SubmitAsync(new RequestSubmission(RequestKind.Access, SubjectIdentifier.Email("g@example.org"), null), "staff")).Request!;
        var rejected = (await Desk.SubmitAsync(new RequestSubmission(RequestKind.Access, SubjectIdentifier.Email("h@example.org"), null), "staff")).Request!;
        await Desk.RejectAsync(rejected.Id, RejectionReason.Duplicate, null, "staff");
        Time.Advance(TimeSpan.FromDays(15));

        var overdue = await Desk.ListAsync(new RequestFilter(OverdueOnly: true));
        var soon = await Desk.ListAsync(new RequestFilter(DueWithin: TimeSpan.FromDays(7)));
        var open = await Desk.ListAsync(new RequestFilter());

        Assert.Equal([old.Id], overdue.Select(r => r.Id));
        Assert.Equal([old.Id], soon.Select(r => r.Id));
        Assert.Equal([old.Id, recent.Id], open.Select(r => r.Id));
        Time.Advance(TimeSpan.FromDays(10));
        Assert.Equal([old.Id, recent.Id], (await Desk.ListAsync(new RequestFilter(DueWithin: TimeSpan.FromDays(7)))).Select(r => r.Id));
    }

    [Fact]
    public async Task Reject_WithReason_ClosesAndAudits()
    {
        var request = (await Desk.SubmitAsync(new RequestSubmission(RequestKind.Erasure, SubjectIdentifier.Email("i@example.org"), null), "staff")).Request!;

        var rejected = (await Desk.RejectAsync(request.Id, RejectionReason.IdentityNotVerified, "no answer", "staff:jo")).Request!;

        Assert.Equal(RequestStatus.Rejected, rejected.Status);
        Assert.Equal(RejectionReason.IdentityNotVerified, rejected.Rejection);
        Assert.Equal(RequestErrorKind.WrongStatus, (await Desk.RejectAsync(request.Id, RejectionReason.Duplicate, null, "staff")).Error!.Kind);
        Assert.Equal(2L, await ScalarAsync("SELECT count(*) FROM audit_log WHERE action IN ('request.received', 'request.rejected')"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM audit_log WHERE detail LIKE '%i@example.org%' OR subject LIKE '%i@example.org%'"));
    }

    [Fact]
    public async Task Submit_RectificationValues_ValidatedByCategory()
    {
        RequestResult Submit(string path, string value) => Desk.SubmitAsync(new RequestSubmission(RequestKind.Rectification, SubjectIdentifier.Email("j@example.org"), null,
            new RequestDetails(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(path, value)]))), "staff").Result;

        Assert.Equal(RequestErrorKind.InvalidInput, Submit("app.accounts.email", "not an address").Error!.Kind);
        Assert.Equal(RequestErrorKind.InvalidInput, Submit("app.accounts.phone", "call me").Error!.Kind);
        Assert.Equal(RequestErrorKind.InvalidInput, Submit("app.accounts.full_name", "<script>").Error!.Kind);
        Assert.Equal(RequestErrorKind.InvalidInput, Submit("app.accounts.no_such", "x").Error!.Kind);
        Assert.True(Submit("app.accounts.email", "new@example.org").Succeeded);
        Assert.True(Submit("app.accounts.phone", "+44 20 7946 0958").Succeeded);
        Assert.True(Submit("app.accounts.full_name", "Zoë O'Brien-山田").Succeeded);
    }

    protected async Task<DataRequest> SubmitVerifiedAsync(RequestKind kind, string email, RequestDetails? details = null)
    {
        var request = (await Desk.SubmitAsync(new RequestSubmission(kind, SubjectIdentifier.Email(email), email, details), "subject")).Request!;
        var verified = await Desk.VerifyAsync(request.Id, LastCode(), "subject");
        Assert.True(verified.Succeeded, verified.Error?.Message);
        return verified.Request!;
    }

    protected string LastCode()
    {
        var file = Directory.GetFiles(_outbox, "*.eml").Order(StringComparer.Ordinal).Last();
        var subject = Regex.Match(File.ReadAllText(file), @"Subject: =\?utf-8\?B\?([^?]+)\?=").Groups[1].Value;
        return Regex.Match(Encoding.UTF8.GetString(Convert.FromBase64String(subject)), "[0-9]{6}").Value;
    }

    protected static async Task<Dictionary<string, string>> UnzipAsync(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        var files = new Dictionary<string, string>();
        foreach (var entry in archive.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            files[entry.FullName] = await reader.ReadToEndAsync();
        }

        return files;
    }
}
