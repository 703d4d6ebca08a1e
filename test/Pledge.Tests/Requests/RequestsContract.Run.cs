using System.Collections.Immutable;
using Pledge.Consent;
using Pledge.Requests;

namespace Pledge.Tests.Requests;

public abstract partial class RequestsContract
{
    [Fact]
    public async Task Run_Erasure_ErasesCompletesAndKeepsOnlyPseudonymisedProof()
    {
        var email = await CustomerEmailAsync();
        var given = await Ledger.AppendAsync(new LedgerEvent(Pledge.Consent.SubjectIdentifier.Create("email", email).Identifier!, LedgerEventKind.ConsentGiven, "newsletter",
            new Evidence(Time.GetUtcNow(), Db.Policy.Notice.Version, EvidenceChannel.WebForm, "subject", "k1")));
        Assert.True(given.Accepted, given.Error?.Message);
        var request = await SubmitVerifiedAsync(RequestKind.Erasure, email);
        await Desk.ApproveAsync(request.Id, "staff:jo");

        var dry = await Runner().RunAsync(request.Id, "staff:jo", dryRun: true);
        Assert.True(dry.Erasure!.DryRun);
        Assert.Equal(RequestStatus.Verified, (await Desk.GetAsync(request.Id))!.Status);
        var outcome = await Runner().RunAsync(request.Id, "staff:jo");

        Assert.True(outcome.Result.Succeeded, outcome.Result.Error?.Message);
        var done = outcome.Result.Request!;
        Assert.Equal(RequestStatus.Completed, done.Status);
        Assert.True(done.Pseudonymised);
        Assert.StartsWith("ps_", done.Subject.Value, StringComparison.Ordinal);
        Assert.Null(done.ContactEmail);
        Assert.Contains("retained", done.Result, StringComparison.Ordinal);
        Assert.Equal(dry.Erasure.Deleted, outcome.Erasure!.Deleted);
        Assert.Equal(0L, await ScalarAsync($"SELECT count(*) FROM subject_identifiers WHERE key = 'email:{email}'"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM ledger_events WHERE kind = 'Erased' OR kind = 'erased'"));
        Assert.Equal(0L, await ScalarAsync($"SELECT count(*) FROM requests WHERE identifier_value = '{email}' OR contact_email = '{email}'"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'request.completed'"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'request.erasure.dry_run'"));
        var again = await new Pledge.Connectors.Locating.SubjectLocator(Pledge.Connectors.Graph.SubjectGraphPlan.Build(Db.Policy), Db.Connectors).FindAsync([Pledge.Connectors.Locating.SubjectIdentifier.Email(email)]);
        Assert.DoesNotContain(again.Tables, t => t.Table.Name == "accounts");
    }

    [Fact]
    public async Task Run_ErasureFailingMidway_StaysInProgressAndChangesNothing()
    {
        var email = await CustomerEmailAsync();
        var request = await SubmitVerifiedAsync(RequestKind.Erasure, email);
        await Desk.ApproveAsync(request.Id, "staff:jo");
        var before = await Db.DumpAsync("app");
        var statements = 0;

        var outcome = await Runner(s =>
        {
            if (++statements == 3)
            {
                throw new InvalidOperationException("injected failure");
            }
        }).RunAsync(request.Id, "staff:jo");

        Assert.Equal(RequestErrorKind.SystemFailed, outcome.Result.Error!.Kind);
        var stored = (await Desk.GetAsync(request.Id))!;
        Assert.Equal(RequestStatus.InProgress, stored.Status);
        Assert.Contains("injected", stored.Result, StringComparison.Ordinal);
        var after = await Db.DumpAsync("app");
        foreach (var (table, rows) in before)
        {
            Assert.Equal(rows.Count, after[table].Count);
            Assert.Equal(rows.SelectMany(r => r.Values.Select(v => v?.ToString())), after[table].SelectMany(r => r.Values.Select(v => v?.ToString())));
        }
    }

    [Fact]
    public async Task Run_ErasureSecondSystemFails_RunAgainFinishesTheRestWithoutRedoingTheFirst()
    {
        var email = await CustomerInTwoSystemsAsync();
        var request = await SubmitVerifiedAsync(RequestKind.Erasure, email);
        var dry = (await Runner().RunAsync(request.Id, "staff:jo", dryRun: true)).Erasure!;
        await Desk.ApproveAsync(request.Id, "staff:jo");
        await LockCrmContactsAsync(true);
        var marketingBefore = await Db.DumpAsync("marketing");

        var failed = await Runner().RunAsync(request.Id, "staff:jo");

        Assert.Equal(RequestErrorKind.SystemFailed, failed.Result.Error!.Kind);
        Assert.Contains("locked for an audit", failed.Result.Error.Message, StringComparison.Ordinal);
        Assert.Equal([("app", true), ("marketing", false)], failed.Erasure!.Systems.Select(s => (s.SystemId, s.Committed)));
        var stored = (await Desk.GetAsync(request.Id))!;
        Assert.Equal(RequestStatus.InProgress, stored.Status);
        Assert.Equal(["app"], stored.CommittedSystems.Select(s => s.SystemId));
        AssertSameRows(marketingBefore, await Db.DumpAsync("marketing"));
        var appAfterFirst = await Db.DumpAsync("app");

        // Still locked: the second attempt fails the same way and leaves the committed system alone.
        var again = await Runner().RunAsync(request.Id, "staff:jo");
        Assert.Equal(RequestErrorKind.SystemFailed, again.Result.Error!.Kind);
        Assert.True(again.Erasure!.Systems.Single(s => s.SystemId == "app").CommittedEarlier);
        AssertSameRows(appAfterFirst, await Db.DumpAsync("app"));

        await LockCrmContactsAsync(false);
        var done = await Runner().RunAsync(request.Id, "staff:jo");

        Assert.True(done.Result.Succeeded, done.Result.Error?.Message);
        Assert.Equal(RequestStatus.Completed, done.Result.Request!.Status);
        Assert.Equal([("app", true), ("marketing", false)], done.Erasure!.Systems.Select(s => (s.SystemId, s.CommittedEarlier)));
        Assert.True(done.Erasure.Complete);
        Assert.Equal(Tables(dry), Tables(done.Erasure));
        Assert.Equal((dry.Deleted, dry.Anonymised, dry.Retained), (done.Erasure.Deleted, done.Erasure.Anonymised, done.Erasure.Retained));
        Assert.StartsWith($"deleted {dry.Deleted} rows, anonymised {dry.Anonymised} rows, retained {dry.Retained} rows", done.Result.Request.Result, StringComparison.Ordinal);
        AssertSameRows(appAfterFirst, await Db.DumpAsync("app"));
        Assert.DoesNotContain((await Db.DumpAsync("marketing"))["crm_contacts"], c => (string?)c["email"] == email);
        Assert.Equal(2L, await ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'request.erasure.system_committed'"));
        Assert.Equal(2L, await ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'request.failed'"));
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'request.completed'"));
    }

    [Fact]
    public async Task Run_Access_WritesZipWithJsonCsvAndSummary()
    {
        var email = await CustomerEmailAsync();
        var request = await SubmitVerifiedAsync(RequestKind.Access, email);
        using var zip = new MemoryStream();

        var outcome = await Runner().RunAsync(request.Id, "staff:jo", zip);

        Assert.True(outcome.Result.Succeeded, outcome.Result.Error?.Message);
        var files = await UnzipAsync(zip.ToArray());
        Assert.Contains("data.json", files.Keys);
        Assert.Contains("csv/app/accounts.csv", files.Keys);
        Assert.Contains(email, files["data.json"], StringComparison.Ordinal);
        Assert.Contains("\"invoices\"", files["data.json"], StringComparison.Ordinal);
        var summary = files["summary.html"];
        Assert.Contains("Lawful basis", summary, StringComparison.Ordinal);
        Assert.Contains("How long we keep it", summary, StringComparison.Ordinal);
        Assert.Contains("Art. 77", summary, StringComparison.Ordinal);
        Assert.NotEmpty(outcome.Disclosure!.Activities);
    }

    [Fact]
    public async Task Run_Rectification_ChangesOnlyTheNamedField()
    {
        var email = await CustomerEmailAsync();
        var details = new RequestDetails(ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("app.accounts.full_name", "Zoë O'Brien; DROP TABLE accounts")]));
        var request = await SubmitVerifiedAsync(RequestKind.Rectification, email, details);
        await Desk.ApproveAsync(request.Id, "staff:jo");
        var before = await Db.DumpAsync("app");

        var outcome = await Runner().RunAsync(request.Id, "staff:jo");

        Assert.True(outcome.Result.Succeeded, outcome.Result.Error?.Message);
        var after = await Db.DumpAsync("app");
        var account = after["accounts"].Single(a => (string?)a["email"] == email);
        Assert.Equal("Zoë O'Brien; DROP TABLE accounts", account["full_name"]);
        var changed = before["accounts"].Zip(after["accounts"]).Count(p => !Equals(p.First["full_name"], p.Second["full_name"]));
        Assert.Equal(1, changed);
    }

    [Fact]
    public async Task Run_Objection_RecordedInTheLedgerAndHonouredAtOnce()
    {
        var email = await CustomerEmailAsync();
        var request = await SubmitVerifiedAsync(RequestKind.Objection, email, new RequestDetails(Activity: "sales-leads"));

        var outcome = await Runner().RunAsync(request.Id, "staff:jo");

        Assert.True(outcome.Result.Succeeded, outcome.Result.Error?.Message);
        var decision = await new ConsentDecisions(Store, DecisionEngine.Compile(Db.Policy, Ledger.Versions))
            .DecideAsync(Pledge.Consent.SubjectIdentifier.Create("email", email).Identifier!, "sales-leads", Time.GetUtcNow());
        Assert.False(decision.Allowed, decision.Explain());
    }

    [Fact]
    public async Task Run_Information_ListsTheActivitiesOfTheDataHeld()
    {
        var email = await CustomerEmailAsync();
        var request = await SubmitVerifiedAsync(RequestKind.Information, email);

        var outcome = await Runner().RunAsync(request.Id, "staff:jo");

        Assert.True(outcome.Result.Succeeded, outcome.Result.Error?.Message);
        Assert.Contains(outcome.Disclosure!.Activities, a => a.Categories.Contains("user.contact.email"));
        Assert.DoesNotContain(outcome.Disclosure.Activities, a => a.Activity.Id.Contains("applica", StringComparison.Ordinal));
    }

    /// <summary>A customer who is also a CRM contact (one with invoices if there is one): an erasure touching two systems.</summary>
    private async Task<string> CustomerInTwoSystemsAsync()
    {
        var app = await Db.DumpAsync("app");
        var contacts = (await Db.DumpAsync("marketing"))["crm_contacts"].Select(c => c["email"] as string).ToHashSet();
        var withInvoices = app["invoices"].Select(i => i["account_id"]).ToHashSet();
        return (string)app["accounts"].OrderByDescending(a => withInvoices.Contains(a["id"])).First(a => a["email"] is string e && contacts.Contains(e))["email"]!;
    }

    /// <summary>A real failure in the marketing database: a trigger that refuses every update of crm_contacts.</summary>
    private async Task LockCrmContactsAsync(bool locked)
    {
        var postgres = Db.Folder is null;
        string[] statements = (locked, postgres) switch
        {
            (true, false) => ["CREATE TRIGGER crm_contacts_locked BEFORE UPDATE ON crm_contacts BEGIN SELECT RAISE(ABORT, 'crm_contacts is locked for an audit'); END"],
            (true, true) =>
            [
                "CREATE FUNCTION crm_contacts_locked() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'crm_contacts is locked for an audit'; END $$",
                "CREATE TRIGGER crm_contacts_locked BEFORE UPDATE ON crm_contacts FOR EACH ROW EXECUTE FUNCTION crm_contacts_locked()",
            ],
            (false, false) => ["DROP TRIGGER crm_contacts_locked"],
            (false, true) => ["DROP TRIGGER crm_contacts_locked ON crm_contacts"],
        };
        foreach (var sql in statements)
        {
            await Db.ExecuteAsync("marketing", sql);
        }
    }

    private static List<(string, string, string, int, int)> Tables(Pledge.Erasure.ErasureReport report) =>
        [.. report.Systems.SelectMany(s => s.Tables.Select(t => (s.SystemId, t.Table, t.Action.ToString(), t.Rows, t.Changed)))];

    private static void AssertSameRows(Dictionary<string, List<Dictionary<string, object?>>> expected, Dictionary<string, List<Dictionary<string, object?>>> actual)
    {
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (table, rows) in expected)
        {
            Assert.Equal(rows.Select(r => string.Join("|", r.Values.Select(v => v?.ToString()))), actual[table].Select(r => string.Join("|", r.Values.Select(v => v?.ToString()))));
        }
    }

    private async Task<string> CustomerEmailAsync()
    {
        var app = await Db.DumpAsync("app");
        var withInvoices = app["invoices"].Select(i => i["account_id"]).ToHashSet();
        return (string)app["accounts"].First(a => withInvoices.Contains(a["id"]) && a["email"] is string)["email"]!;
    }
}
