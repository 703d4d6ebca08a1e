using System.Globalization;
using System.Text.RegularExpressions;
using Pledge.Policy.Model;

namespace Pledge.Tests.Requests;

/// <summary>The request walk-through through the CLI on SQLite demo files, plus the queue and bad input.</summary>
public sealed class SqliteRequestCliTests : RequestCliContract
{
    protected override ConnectorKind Kind => ConnectorKind.Sqlite;

    protected override Task<string[]> SeedArgumentsAsync() => Task.FromResult<string[]>(["--out", Path.Combine(Dir, "demo")]);

    [Fact]
    public async Task ExtendRejectListShow_TheQueueAsAPrivacyLeadReadsIt()
    {
        var a = await SubmitAsync("access", "email:ann@example.org", contact: "ann@example.org");
        var b = await SubmitAsync("erasure", "email:bob@example.org", contact: "bob@example.org");
        var c = await SubmitAsync("access", "email:cy@example.org");
        var d = await SubmitAsync("portability", "email:di@example.org");
        // The CLI reads the system clock: move c's and d's deadlines instead, as if they had been received weeks ago.
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        ExecuteOnStore($"UPDATE requests SET due_at = {now - (2 * 86_400_000_000L)} WHERE id = {c}");
        ExecuteOnStore($"UPDATE requests SET due_at = {now + (3 * 86_400_000_000L)} WHERE id = {d}");

        var extended = await RunAsync("request", "extend", a, "--reason", "complexity", "--note", "three systems and a CRM export");
        var extensionMail = LastMail();
        var twice = await RunAsync("request", "extend", a, "--reason", "number_of_requests");
        var rejected = await RunAsync("request", "reject", b, "--reason", "duplicate", "--note", "same person as request " + a);
        var rejectionMail = LastMail();
        var list = await RunAsync("request", "list");
        var overdue = await RunAsync("request", "list", "--overdue");
        var soon = await RunAsync("request", "list", "--due-within", "7");
        var all = await RunAsync("request", "list", "--all");
        var shown = Json((await RunAsync("request", "show", a, "--json")).Output);

        Assert.Equal(0, extended.ExitCode);
        Assert.Matches(@"due       \d{4}-\d\d-\d\d \d\d:\d\d UTC \(extended: complexity\)", extended.Output);
        Assert.Equal((65, "pledge: request " + a + " was already extended\n"), (twice.ExitCode, twice.Error));
        Assert.Equal(0, rejected.ExitCode);
        Assert.Contains($"rejected  duplicate: same person as request {a}", rejected.Output, StringComparison.Ordinal);
        Assert.Equal([$"{c} access received OVERDUE", $"{d} portability received due soon", $"{a} access received "], Rows(list.Output));
        Assert.Equal([$"{c} access received OVERDUE"], Rows(overdue.Output));
        Assert.Equal([$"{c} access received OVERDUE", $"{d} portability received due soon"], Rows(soon.Output));
        Assert.Contains($"{b} erasure rejected ", Rows(all.Output));
        Assert.Equal("complexity", shown.GetProperty("extension").GetString());
        var received = DateTimeOffset.Parse(shown.GetProperty("receivedAt").GetString()!.Replace(" UTC", "Z", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var due = DateTimeOffset.Parse(shown.GetProperty("due").GetString()!.Replace(" UTC", "Z", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        Assert.Equal(received.AddMonths(3), due);
        Assert.Equal(("ann@example.org", $"Your request {a}: more time needed"), (extensionMail.To, extensionMail.Subject));
        Assert.Contains("because your request is complex", extensionMail.Body, StringComparison.Ordinal);
        Assert.Contains($"We will answer by {due.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)} at the latest", extensionMail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("CRM export", extensionMail.Body, StringComparison.Ordinal);
        Assert.Equal(("bob@example.org", $"Your request {b}: not acted on"), (rejectionMail.To, rejectionMail.Subject));
        Assert.Contains("because it repeats a request we are already answering", rejectionMail.Body, StringComparison.Ordinal);
        Assert.Contains("You may complain to the supervisory authority, Information Commissioner's Office", rejectionMail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("same person", rejectionMail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_ClearErrorDocumentedExitCodeAndNothingChanged()
    {
        var email = await CustomerInTwoSystemsAsync();
        var id = await SubmitVerifiedAsync("access", email);
        var waiting = await SubmitVerifiedAsync("erasure", email);
        var fresh = await SubmitAsync("access", "email:x@example.org", contact: "x@example.org");
        var wrong = LastMail().Code == "000000" ? "111111" : "000000";
        Directory.CreateDirectory(Path.Combine(Dir, "answers"));
        var store = StoreSnapshot();
        var databases = await DumpAllAsync();
        (string[] Args, Dictionary<string, string>? Environment, int Code, string Message)[] cases =
        [
            (["request", "show", "999"], null, 64, "pledge: no request 999"),
            (["request", "export", "999", "--out", "answer.zip"], null, 64, "pledge: no request 999"),
            (["request", "submit", "deletion", "email:x@example.org"], null, 64, "pledge: unknown kind 'deletion': one of access, portability, rectification, erasure"),
            (["request", "submit", "access", "nobody"], null, 64, "pledge: subject: an identifier is kind:value"),
            (["request", "submit", "access", "shoe_size:44"], null, 64, "pledge: 'shoe_size' is not an identifier of the data map; one of account_id, applicant_id, cookie_id"),
            (["request", "submit", "access", "email:x@example.org", "--contact", "not-an-address"], null, 64, "pledge: the contact address is not an e-mail address"),
            (["request", "verify", fresh, wrong], null, 65, "pledge: the code is wrong (4 attempts left)"),
            (["request", "verify", fresh, "--by", "phone_call"], null, 64, "pledge: verification by 'phone_call' is not one of the policy's methods: account_login"),
            (["request", "export", id, "--out", "missing/answer.zip"], null, 64, "folder"),
            (["request", "export", id, "--out", "answers"], null, 64, "'answers' is a folder; give a file name to write to"),
            (["request", "export", id, "--out", "answer.zip"], new() { ["PLEDGE_APP_DB"] = "garbage;;=x;Password=hunter2" }, 78,
                "pledge: environment variable PLEDGE_APP_DB does not hold a valid SQLite connection string"),
            (["request", "run", id], null, 64, "pledge: an access or portability request is answered with an export: give the file to write"),
            (["request", "run", waiting], null, 65, $"pledge: request {waiting} awaits approval"),
            (["request", "approve", id], null, 65, $"pledge: request {id} is verified; this needs awaiting_approval"),
            (["request", "extend", id, "--reason", "lazy"], null, 64, "pledge: --reason is complexity or number_of_requests"),
            (["request", "extend", id, "--reason", "complexity", "--by", "3 months"], null, 65, "pledge: an extension must be positive and at most 2 months"),
            (["request", "reject", id, "--reason", "bored"], null, 64, "pledge: --reason is one of: identity_not_verified, manifestly_unfounded"),
        ];

        foreach (var (args, environment, code, message) in cases)
        {
            var run = await RunWithAsync(environment, args);

            Assert.True(code == run.ExitCode, $"{string.Join(' ', args)}: exit {run.ExitCode}, {run.Error}");
            Assert.Contains(message, run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", run.Error, StringComparison.Ordinal);
            Assert.Empty(run.Output);
            Assert.False(File.Exists(Path.Combine(Dir, "answer.zip")));
            if (args[1] == "verify" && args[3] == wrong)
            {
                // A wrong code counts as an attempt (five, then a new code is needed), is audited, and changes nothing else.
                store = Regex.Replace(store.Replace($"\n{fresh}|Received|0|", $"\n{fresh}|Received|1|", StringComparison.Ordinal),
                    "audit ([0-9]+)$", m => "audit " + (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture));
            }

            Assert.Equal(store, StoreSnapshot());
        }

        AssertSame(databases, await DumpAllAsync());
    }

    [Fact]
    public async Task Export_DatabaseFails_Exit69FailureRecordedAndARunAfterTheFixCompletes()
    {
        var email = await CustomerInTwoSystemsAsync();
        var id = await SubmitVerifiedAsync("access", email);
        var broken = Path.Combine(Dir, "broken.db");
        await File.WriteAllTextAsync(broken, "this file is not a SQLite database");

        var failed = await RunWithAsync(new Dictionary<string, string> { ["PLEDGE_MARKETING_DB"] = "Data Source=" + broken }, "request", "export", id, "--out", "answer.zip");
        var shown = await RunAsync("request", "show", id);
        var again = await RunAsync("request", "export", id, "--out", "answer.zip");

        Assert.Equal(69, failed.ExitCode);
        Assert.Contains("pledge: a database failed: SQLite Error 26: 'file is not a database'", failed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", failed.Error, StringComparison.Ordinal);
        Assert.Contains($"request {id}: access, in_progress", shown.Output, StringComparison.Ordinal);
        Assert.Contains("result    a database failed", shown.Output, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains($"request {id}: access, completed", again.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Dir, "answer.zip")));
    }

    private async Task<string> SubmitAsync(string kind, string subject, string? contact = null)
    {
        var run = await RunAsync(contact is null ? ["request", "submit", kind, subject, "--json"] : ["request", "submit", kind, subject, "--contact", contact, "--json"]);
        Assert.True(run.ExitCode == 0, run.Error);
        return Json(run.Output).GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The list's rows without the header, as "id kind status mark" (the due date and subject left out).</summary>
    private static List<string> Rows(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split('\t')).Select(c => $"{c[0]} {c[1]} {c[2]} {c[4]}")];
}
