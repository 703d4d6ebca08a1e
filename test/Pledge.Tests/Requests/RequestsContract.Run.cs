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

    private async Task<string> CustomerEmailAsync()
    {
        var app = await Db.DumpAsync("app");
        var withInvoices = app["invoices"].Select(i => i["account_id"]).ToHashSet();
        return (string)app["accounts"].First(a => withInvoices.Contains(a["id"]) && a["email"] is string)["email"]!;
    }
}
