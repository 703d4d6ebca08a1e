using Npgsql;
using Pledge.Connectors.Graph;

namespace Pledge.Bench.Connectors;

/// <summary>
/// The baseline: SQL an engineer who knows the schema would write to fetch one person's rows by e-mail, the same
/// rows and columns the locator returns. Each statement starts from the address itself (no round trip waits on
/// another), key lists are initplans (<c>= ANY(ARRAY(SELECT ...))</c>) so every lookup is an index scan, and all
/// statements of a system go in one batch: one round trip per system, systems in parallel.
/// </summary>
internal sealed class HandWrittenLocate(SubjectGraphPlan plan, IReadOnlyDictionary<string, NpgsqlDataSource> sources)
{
    private const string Accounts = "ARRAY(SELECT id FROM accounts WHERE email = $1)";
    private const string Devices = "ARRAY(SELECT id FROM devices WHERE account_id = ANY(" + Accounts + "))";
    private const string Tickets = "ARRAY(SELECT id FROM support_tickets WHERE contact_email = $1 OR account_id = ANY(" + Accounts + "))";

    private static readonly Dictionary<string, string> Where = new()
    {
        ["app.accounts"] = "email = $1",
        ["app.devices"] = $"account_id = ANY({Accounts})",
        ["app.sign_ins"] = $"account_id = ANY({Accounts}) OR device_id = ANY({Devices})",
        ["app.sessions"] = $"account_id = ANY({Accounts}) OR device_id = ANY({Devices})",
        ["app.address_book_entries"] = $"account_id = ANY({Accounts})",
        ["app.viewer_cache"] = $"device_id = ANY({Devices})",
        ["app.telemetry_events"] = $"account_id = ANY({Accounts}) OR device_id = ANY({Devices})",
        ["app.support_tickets"] = $"contact_email = $1 OR account_id = ANY({Accounts})",
        ["app.support_logs"] = $"ticket_id = ANY({Tickets})",
        ["app.invoices"] = $"account_id = ANY({Accounts})",
        ["app.call_recordings"] = $"participant_email = $1 OR account_id = ANY({Accounts})",
        ["marketing.chat_transcripts"] = "visitor_email = $1",
        ["marketing.subscribers"] = "email = $1",
        ["marketing.crm_contacts"] = "email = $1",
        ["marketing.crm_orders"] = "contact_id = ANY(ARRAY(SELECT id FROM crm_contacts WHERE email = $1))",
        ["marketing.event_registrations"] = "email = $1",
        ["hr.applications"] = "email = $1",
        ["hr.diversity_monitoring"] = "application_id = ANY(ARRAY(SELECT id FROM applications WHERE email = $1))",
    };

    /// <summary>The statements of each system, selecting the columns the locator reads, in its order.</summary>
    public Dictionary<string, List<(string Table, string Sql)>> Statements { get; } = plan.Systems.ToDictionary(
        s => s.System.Id,
        s => s.Tables.Where(t => Where.ContainsKey($"{s.System.Id}.{t.Name}"))
            .Select(t => (t.Name, $"SELECT {string.Join(", ", t.Columns.Select(c => $"\"{c}\""))} FROM \"{t.Name}\" WHERE {Where[$"{s.System.Id}.{t.Name}"]}"))
            .ToList());

    /// <summary>Rows per system.table for <paramref name="email"/>.</summary>
    public async Task<Dictionary<string, int>> FindAsync(string email)
    {
        var counts = await Task.WhenAll(Statements.Select(async system =>
        {
            await using var connection = await sources[system.Key].OpenConnectionAsync();
            await using var batch = new NpgsqlBatch(connection);
            foreach (var (_, sql) in system.Value)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(sql) { Parameters = { new NpgsqlParameter { Value = email } } });
            }

            var result = new Dictionary<string, int>();
            await using var reader = await batch.ExecuteReaderAsync();
            var index = 0;
            do
            {
                var rows = 0;
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        _ = reader.IsDBNull(i) ? null : reader.GetValue(i); // materialise values, as the locator does
                    }

                    rows++;
                }

                if (rows > 0)
                {
                    result[$"{system.Key}.{system.Value[index].Table}"] = rows;
                }

                index++;
            }
            while (await reader.NextResultAsync());
            return result;
        }));
        return counts.SelectMany(c => c).ToDictionary(c => c.Key, c => c.Value);
    }
}
