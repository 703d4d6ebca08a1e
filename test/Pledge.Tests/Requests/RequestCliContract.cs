using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Pledge.Policy.Model;
using Pledge.Tests.Connectors;
using Pledge.Tests.Consent;
using Pledge.Tests.Support;
using SubjectIdentifier = Pledge.Connectors.Locating.SubjectIdentifier;

namespace Pledge.Tests.Requests;

/// <summary>
/// <c>pledge request</c> run as a child process, the way a privacy lead works: the demo databases seeded with
/// <c>pledge demo seed</c>, a SQLite own store, codes read from the file outbox. Each derived class seeds one kind of
/// database; the assertions read the databases and the zip directly, never through the engine under test.
/// </summary>
public abstract class RequestCliContract : IAsyncLifetime
{
    private static readonly string[] Systems = ["app", "marketing", "hr"];
    private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);

    protected string Dir { get; } = Path.Combine(Path.GetTempPath(), "pledge-cli-" + Guid.NewGuid().ToString("N")[..12]);

    protected DemoDatabase Db { get; private set; } = null!;

    protected abstract ConnectorKind Kind { get; }

    /// <summary>What follows <c>pledge demo seed --rows 600 --seed 3</c>: where to seed.</summary>
    protected abstract Task<string[]> SeedArgumentsAsync();

    /// <summary>The policy the CLI runs under (the example's data map names SQLite connectors).</summary>
    protected virtual string PolicyPath => Repo.ExamplePolicy;

    private string StorePath => Path.Combine(Dir, "store.db");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Dir);
        var seed = await RunAsync(["demo", "seed", "--rows", "600", "--seed", "3", .. await SeedArgumentsAsync()]);
        Assert.True(seed.ExitCode == 0, seed.Error);
        foreach (Match m in Regex.Matches(seed.Output, "^export ([A-Z_]+)=\"(.*)\"$", RegexOptions.Multiline))
        {
            _environment[m.Groups[1].Value] = m.Groups[2].Value;
        }

        Assert.Equal(["PLEDGE_APP_DB", "PLEDGE_HR_DB", "PLEDGE_MARKETING_DB"], _environment.Keys.Order(StringComparer.Ordinal));
        Db = DemoDatabase.Attach(Kind, _environment);
    }

    public virtual Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Dir, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Access_SubmitVerifyExport_ZipHoldsExactlyTheSubjectsRowsAndTheSummary()
    {
        var app = await Db.DumpAsync("app");
        var (subject, twin) = Twins(app);
        var before = await DumpAllAsync();

        var submitted = await RunAsync("request", "submit", "access", "email:" + subject.ToUpperInvariant(), "--contact", subject, "--json");
        Assert.Equal(0, submitted.ExitCode);
        var id = Json(submitted.Output).GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var mail = LastMail();
        Assert.Equal(subject, mail.To);
        Assert.Equal("privacy@farlink.example", mail.From);
        var verified = await RunAsync("request", "verify", id, mail.Code);
        var export = await RunAsync("request", "export", id, "--out", "answer.zip");
        var show = await RunAsync("request", "show", id);

        Assert.Equal((0, ""), (verified.ExitCode, verified.Error));
        Assert.Contains($"request {id}: access, verified", verified.Output, StringComparison.Ordinal);
        Assert.True(export.ExitCode == 0, export.Error);
        var files = Unzip(Path.Combine(Dir, "answer.zip"));
        var data = Json(files["data.json"]);
        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var system in Db.Policy.Systems)
        {
            foreach (var (table, ids) in ExpectedRows.Of(system, before[system.Id], [SubjectIdentifier.Email(subject)]))
            {
                expected[$"{system.Id}.{table}"] = string.Join(",", ids.Order(StringComparer.Ordinal));
            }
        }

        var exported = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var system in data.GetProperty("systems").EnumerateObject())
        {
            foreach (var table in system.Value.EnumerateObject())
            {
                exported[$"{system.Name}.{table.Name}"] = string.Join(",", table.Value.EnumerateArray().Select(r => r.GetProperty("id").GetRawText()).Order(StringComparer.Ordinal));
            }
        }

        Assert.Equal(expected, exported);
        Assert.Contains("app.accounts", expected.Keys);
        Assert.Equal(
            [.. expected.Keys.Select(k => "csv/" + k.Replace('.', '/') + ".csv"), "data.json", "summary.html"],
            files.Keys.Order(StringComparer.Ordinal));
        var twinAccount = app["accounts"].Single(a => (string?)a["email"] == twin)["id"]!.ToString();
        Assert.DoesNotContain(twin, string.Concat(files.Values), StringComparison.Ordinal);
        Assert.DoesNotContain(data.GetProperty("systems").EnumerateObject().SelectMany(s => s.Value.EnumerateObject()).SelectMany(t => t.Value.EnumerateArray()),
            r => r.TryGetProperty("account_id", out var a) && a.GetRawText() == twinAccount);
        Assert.Contains("Lawful basis", files["summary.html"], StringComparison.Ordinal);
        Assert.Contains("Art. 77", files["summary.html"], StringComparison.Ordinal);
        Assert.Contains($"request {id}: access, completed", show.Output, StringComparison.Ordinal);
        Assert.Contains($"result    exported {expected.Values.Sum(v => v.Split(',').Length)} rows from {expected.Count} tables", show.Output, StringComparison.Ordinal);
        AssertSame(before, await DumpAllAsync());
    }

    [Fact]
    public async Task Erasure_DryRunApproveRun_ChangesTheDatabasesExactlyAsTheDataMapSays()
    {
        var email = await CustomerInTwoSystemsAsync();
        var id = await SubmitVerifiedAsync("erasure", email);
        var before = await DumpAllAsync();

        var dryText = await RunAsync("request", "run", id, "--dry-run");
        var dry = Json((await RunAsync("request", "run", id, "--dry-run", "--json")).Output).GetProperty("erasure");
        Assert.Equal(0, dryText.ExitCode);
        Assert.StartsWith("dry run: nothing was changed; a run would do this:\n", dryText.Output, StringComparison.Ordinal);
        Assert.Contains("kept under statutory-accounts: Invoices and accounting records are kept for six years", dryText.Output, StringComparison.Ordinal);
        AssertSame(before, await DumpAllAsync());
        var approved = await RunAsync("request", "approve", id);
        var run = await RunAsync("request", "run", id);
        var after = await DumpAllAsync();

        Assert.Contains($"request {id}: erasure, verified", approved.Output, StringComparison.Ordinal);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.StartsWith("erasure:\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("kept under statutory-accounts:", run.Output, StringComparison.Ordinal);
        Assert.Contains($"request {id}: erasure, completed", run.Output, StringComparison.Ordinal);
        Assert.Contains($"result    deleted {dry.GetProperty("deleted").GetInt32()} rows, anonymised {dry.GetProperty("anonymised").GetInt32()} rows, retained {dry.GetProperty("retained").GetInt32()} rows (holds: statutory-accounts)", run.Output, StringComparison.Ordinal);
        Assert.Matches("subject   email:ps_[0-9a-f]+", run.Output);
        AssertErasedAsTheDataMapSays(email, dry, before, after);
    }

    [Fact]
    public async Task Erasure_SecondSystemFails_RunAgainFinishesOnlyTheRest()
    {
        var email = await CustomerInTwoSystemsAsync();
        var id = await SubmitVerifiedAsync("erasure", email);
        var dry = Json((await RunAsync("request", "run", id, "--dry-run", "--json")).Output).GetProperty("erasure");
        Assert.Equal(0, (await RunAsync("request", "approve", id)).ExitCode);
        var before = await DumpAllAsync();
        await LockCrmContactsAsync(true);

        var failed = await RunAsync("request", "run", id);
        var shown = await RunAsync("request", "show", id);
        var partly = await DumpAllAsync();
        await LockCrmContactsAsync(false);
        var done = await RunAsync("request", "run", id, "--json");
        var after = await DumpAllAsync();

        Assert.Equal(69, failed.ExitCode);
        Assert.Contains("crm_contacts is locked for an audit", failed.Error, StringComparison.Ordinal);
        Assert.Matches("(?m)^app\taccounts\tanonymise\t", failed.Output);
        Assert.Matches("(?m)^marketing \\(rolled back\\)\tcrm_contacts\tanonymise\t[0-9]+\t0\t", failed.Output);
        Assert.Contains($"request {id}: erasure, in_progress", shown.Output, StringComparison.Ordinal);
        Assert.Contains("erasure incomplete", shown.Output, StringComparison.Ordinal);
        Assert.NotEqual(Text(before["app"]), Text(partly["app"]));
        Assert.Equal(Text(before["marketing"]), Text(partly["marketing"]));
        Assert.True(done.ExitCode == 0, done.Error);
        var report = Json(done.Output);
        Assert.Equal("completed", report.GetProperty("request").GetProperty("status").GetString());
        var erasure = report.GetProperty("erasure");
        Assert.Equal(["app:earlier", "marketing:now"], erasure.GetProperty("systems").EnumerateArray()
            .Select(s => s.GetProperty("system").GetString() + (s.GetProperty("committedEarlier").GetBoolean() ? ":earlier" : ":now")));
        Assert.Equal(Tables(dry), Tables(erasure));
        Assert.Equal(dry.GetProperty("deleted").GetInt32(), erasure.GetProperty("deleted").GetInt32());
        Assert.Equal(dry.GetProperty("anonymised").GetInt32(), erasure.GetProperty("anonymised").GetInt32());
        Assert.Equal(Text(partly["app"]), Text(after["app"]));
        AssertErasedAsTheDataMapSays(email, dry, before, after);
    }

    protected async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args) => await RunWithAsync(null, args);

    protected async Task<(int ExitCode, string Output, string Error)> RunWithAsync(IReadOnlyDictionary<string, string>? overrides, params string[] args)
    {
        var info = CliProcess.StartInfo("sqlite:" + StorePath, args);
        info.WorkingDirectory = Dir;
        info.Environment["PLEDGE_HOME"] = Dir;
        info.Environment["PLEDGE_POLICY"] = PolicyPath;
        info.Environment.Remove("PLEDGE_SMTP_HOST");
        info.Environment.Remove("PLEDGE_MAIL_FROM");
        foreach (var (name, value) in _environment.Concat(overrides ?? new Dictionary<string, string>()))
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Submits a request with a contact address, reads the code from the outbox, verifies; returns the id.</summary>
    protected async Task<string> SubmitVerifiedAsync(string kind, string email)
    {
        var submitted = await RunAsync("request", "submit", kind, email, "--contact", email, "--json");
        Assert.True(submitted.ExitCode == 0, submitted.Error);
        var id = Json(submitted.Output).GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var verified = await RunAsync("request", "verify", id, LastMail().Code);
        Assert.True(verified.ExitCode == 0, verified.Error);
        return id;
    }

    /// <summary>The newest .eml in the outbox: sender, recipient, the six-digit code from its subject line, subject and body.</summary>
    protected (string From, string To, string Code, string Subject, string Body) LastMail()
    {
        var text = File.ReadAllText(Directory.GetFiles(Path.Combine(Dir, "outbox"), "*.eml").Order(StringComparer.Ordinal).Last());
        var subject = Encoding.UTF8.GetString(Convert.FromBase64String(Regex.Match(text, @"Subject: =\?utf-8\?B\?([^?]+)\?=").Groups[1].Value));
        var body = text.ReplaceLineEndings("\n");
        body = Encoding.UTF8.GetString(Convert.FromBase64String(body[(body.IndexOf("\n\n", StringComparison.Ordinal) + 2)..].Replace("\n", "", StringComparison.Ordinal)));
        return (Regex.Match(text, "^From: (.*)$", RegexOptions.Multiline).Groups[1].Value.Trim(),
            Regex.Match(text, "^To: (.*)$", RegexOptions.Multiline).Groups[1].Value.Trim(),
            Regex.Match(subject, "[0-9]{6}").Value, subject, body);
    }

    /// <summary>Every request row and the audit log's length, read from the store file: what "nothing changed" means there.</summary>
    protected string StoreSnapshot()
    {
        using var connection = new SqliteConnection($"Data Source={StorePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, status, code_attempts, due_at, extension_reason, rejection, result, erasure_done, identifier_value FROM requests ORDER BY id";
        var text = new StringBuilder();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.IsDBNull(i) ? "null" : reader.GetValue(i).ToString()).Append('|');
                }

                text.Append('\n');
            }
        }

        command.CommandText = "SELECT count(*) FROM audit_log";
        return text.Append("audit ").Append(command.ExecuteScalar()).ToString();
    }

    protected void ExecuteOnStore(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    protected async Task<Dictionary<string, Dictionary<string, List<Dictionary<string, object?>>>>> DumpAllAsync()
    {
        var dumps = new Dictionary<string, Dictionary<string, List<Dictionary<string, object?>>>>(StringComparer.Ordinal);
        foreach (var system in Systems)
        {
            dumps[system] = await Db.DumpAsync(system);
        }

        return dumps;
    }

    protected static void AssertSame(Dictionary<string, Dictionary<string, List<Dictionary<string, object?>>>> expected, Dictionary<string, Dictionary<string, List<Dictionary<string, object?>>>> actual)
    {
        foreach (var system in Systems)
        {
            Assert.Equal(Text(expected[system]), Text(actual[system]));
        }
    }

    /// <summary>
    /// Every table row by row: the subject's rows of a table the dry run deletes are gone; of a retained table, unchanged;
    /// of an anonymised one, each field changed by its data-map strategy and nothing else; every other row unchanged.
    /// </summary>
    private void AssertErasedAsTheDataMapSays(string email, JsonElement dry, Dictionary<string, Dictionary<string, List<Dictionary<string, object?>>>> before,
        Dictionary<string, Dictionary<string, List<Dictionary<string, object?>>>> after)
    {
        var actions = dry.GetProperty("systems").EnumerateArray()
            .SelectMany(s => s.GetProperty("tables").EnumerateArray().Select(t => (Key: s.GetProperty("system").GetString() + "." + t.GetProperty("table").GetString(), Table: t)))
            .ToDictionary(p => p.Key, p => p.Table);
        var located = 0;
        foreach (var system in Db.Policy.Systems)
        {
            var subjects = ExpectedRows.Of(system, before[system.Id], [SubjectIdentifier.Email(email)]);
            foreach (var table in system.Tables)
            {
                var ids = subjects.GetValueOrDefault(table.Name) ?? [];
                var key = system.Id + "." + table.Name;
                Assert.Equal(ids.Count > 0, actions.ContainsKey(key));
                var action = ids.Count > 0 ? actions[key].GetProperty("action").GetString() : null;
                Assert.Equal(ids.Count, ids.Count > 0 ? actions[key].GetProperty("rows").GetInt32() : 0);
                located += ids.Count;
                var rowsAfter = after[system.Id][table.Name].ToDictionary(r => r["id"]!.ToString()!);
                foreach (var row in before[system.Id][table.Name])
                {
                    var rowId = row["id"]!.ToString()!;
                    if (!ids.Contains(rowId) || action == "retain")
                    {
                        Assert.Equal(Text(row), Text(rowsAfter[rowId]));
                        continue;
                    }

                    if (action == "delete")
                    {
                        Assert.False(rowsAfter.ContainsKey(rowId), $"{key} row {rowId} should be deleted");
                        continue;
                    }

                    Assert.Equal("anonymise", action);
                    var now = rowsAfter[rowId];
                    foreach (var (column, value) in row)
                    {
                        var strategy = table.Field(column)?.Erasure;
                        var was = value?.ToString();
                        var isNow = now[column]?.ToString();
                        switch (strategy)
                        {
                            case null or ErasureStrategy.Retain:
                                Assert.True(was == isNow, $"{key}.{column} must not change");
                                break;
                            case ErasureStrategy.Null or ErasureStrategy.DeleteRow:
                                Assert.True(isNow is null, $"{key}.{column} must be NULL");
                                break;
                            case ErasureStrategy.Mask:
                                Assert.True(was is null ? isNow is null : isNow is "[erased]" or null, $"{key}.{column} must be masked");
                                break;
                            case ErasureStrategy.Hash:
                                Assert.True(was is null ? isNow is null : isNow is null || (Regex.IsMatch(isNow, "^[0-9a-f]{64}$") && isNow != was), $"{key}.{column} must be a keyed hash");
                                break;
                        }
                    }
                }

                Assert.Equal(before[system.Id][table.Name].Count - (action == "delete" ? ids.Count : 0), rowsAfter.Count);
            }
        }

        Assert.True(located > 0);
        Assert.Equal(actions.Count, actions.Keys.Count(k => k.Split('.') is [var s, var t] && Db.Policy.System(s)?.Table(t) is not null));
    }

    /// <summary>A control pair of the demo: same name, e-mail addresses a dot, domain or tag apart. The first is the subject.</summary>
    protected static (string Subject, string Twin) Twins(Dictionary<string, List<Dictionary<string, object?>>> app)
    {
        var pair = app["accounts"].Where(a => a["email"] is string)
            .GroupBy(a => (string?)a["full_name"]).First(g => g.Count() == 2).OrderBy(a => Convert.ToInt64(a["id"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return ((string)pair[0]["email"]!, (string)pair[1]["email"]!);
    }

    /// <summary>A customer with invoices (so the account is kept, anonymised) who is also a CRM contact: an erasure touching two systems.</summary>
    protected async Task<string> CustomerInTwoSystemsAsync()
    {
        var app = await Db.DumpAsync("app");
        var contacts = (await Db.DumpAsync("marketing"))["crm_contacts"].Select(c => c["email"] as string).ToHashSet();
        // Seed 3 has two such customers (seed 7 none).
        var withInvoices = app["invoices"].Select(i => i["account_id"]?.ToString()).ToHashSet();
        return (string)app["accounts"].First(a => withInvoices.Contains(a["id"]?.ToString()) && a["email"] is string e && contacts.Contains(e))["email"]!;
    }

    /// <summary>A real failure in the marketing database: a trigger that refuses every update of crm_contacts.</summary>
    private async Task LockCrmContactsAsync(bool locked)
    {
        var postgres = Kind == ConnectorKind.Postgres;
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

    private static List<string> Tables(JsonElement erasure) =>
        [.. erasure.GetProperty("systems").EnumerateArray().SelectMany(s => s.GetProperty("tables").EnumerateArray().Select(t =>
            $"{s.GetProperty("system").GetString()}.{t.GetProperty("table").GetString()} {t.GetProperty("action").GetString()} {t.GetProperty("rows").GetInt32()} {t.GetProperty("changed").GetInt32()}"))];

    protected static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static Dictionary<string, string> Unzip(string path)
    {
        using var archive = ZipFile.OpenRead(path);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var reader = new StreamReader(e.Open());
            return reader.ReadToEnd();
        });
    }

    private static string Text(Dictionary<string, object?> row) => string.Join("|", row.Select(p => p.Key + "=" + p.Value));

    private static string Text(Dictionary<string, List<Dictionary<string, object?>>> dump) =>
        string.Join("\n", dump.OrderBy(t => t.Key, StringComparer.Ordinal).SelectMany(t => t.Value.Select(r => t.Key + ":" + Text(r))));
}
