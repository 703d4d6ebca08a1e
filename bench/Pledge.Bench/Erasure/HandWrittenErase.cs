using Npgsql;
using Pledge.Erasure;

namespace Pledge.Bench.Erasure;

/// <summary>
/// The baseline: the UPDATE and DELETE statements an engineer who knows the demo schema would write to erase one
/// customer who has invoices (so the account is kept and anonymised): one round trip per system reads the keys, a
/// second runs every statement in one batch inside a transaction, then rolls back like the measured engine run.
/// Hashes use the same in-database HMAC expression. Returns rows changed per system.table.
/// </summary>
internal sealed class HandWrittenErase(IReadOnlyDictionary<string, NpgsqlDataSource> sources, ErasureKey key)
{
    private const string Hmac = "encode(sha256($9::bytea || sha256($8::bytea || convert_to({0}::text, 'UTF8'))), 'hex')";

    private static readonly Dictionary<string, (string Keys, (string Table, string Sql)[] Statements)> Systems = new()
    {
        ["app"] = (
            "SELECT ARRAY(SELECT id FROM accounts WHERE email = $1), " +
            "ARRAY(SELECT d.id FROM devices d WHERE d.account_id IN (SELECT id FROM accounts WHERE email = $1)), " +
            "ARRAY(SELECT t.id FROM support_tickets t WHERE t.contact_email = $1 OR t.account_id IN (SELECT id FROM accounts WHERE email = $1))",
            [
                ("accounts", "UPDATE accounts SET email = " + H("email") + ", username = " + H("username") + ", full_name = CASE WHEN full_name IS NULL THEN NULL ELSE '[erased]' END, phone = NULL, company = NULL, password_hash = NULL, usage_data_enabled = NULL WHERE id = ANY($2)"),
                ("support_tickets", "UPDATE support_tickets SET contact_email = " + H("contact_email") + ", subject = CASE WHEN subject IS NULL THEN NULL ELSE '[erased]' END, body = CASE WHEN body IS NULL THEN NULL ELSE '[erased]' END WHERE id = ANY($4)"),
                ("support_logs", "DELETE FROM support_logs WHERE ticket_id = ANY($4)"),
                ("call_recordings", "DELETE FROM call_recordings WHERE participant_email = $1 OR account_id = ANY($2)"),
                ("telemetry_events", "DELETE FROM telemetry_events WHERE account_id = ANY($2) OR device_id = ANY($3)"),
                ("viewer_cache", "DELETE FROM viewer_cache WHERE device_id = ANY($3)"),
                ("address_book_entries", "DELETE FROM address_book_entries WHERE account_id = ANY($2)"),
                ("sessions", "DELETE FROM sessions WHERE account_id = ANY($2) OR device_id = ANY($3)"),
                ("sign_ins", "DELETE FROM sign_ins WHERE account_id = ANY($2) OR device_id = ANY($3)"),
                ("devices", "DELETE FROM devices WHERE id = ANY($3)"),
            ]),
        ["marketing"] = (
            "SELECT ARRAY(SELECT id FROM crm_contacts WHERE email = $1), ARRAY[]::bigint[], ARRAY[]::bigint[]",
            [
                ("crm_contacts", "UPDATE crm_contacts SET email = " + H("email") + ", full_name = CASE WHEN full_name IS NULL THEN NULL ELSE '[erased]' END, phone = NULL, company = NULL, notes = NULL WHERE id = ANY($2)"),
                ("chat_transcripts", "DELETE FROM chat_transcripts WHERE visitor_email = $1"),
                ("subscribers", "DELETE FROM subscribers WHERE email = $1"),
                ("event_registrations", "DELETE FROM event_registrations WHERE email = $1"),
            ]),
        ["hr"] = (
            "SELECT ARRAY(SELECT id FROM applications WHERE email = $1), ARRAY[]::bigint[], ARRAY[]::bigint[]",
            [
                ("diversity_monitoring", "DELETE FROM diversity_monitoring WHERE application_id = ANY($2)"),
                ("applications", "DELETE FROM applications WHERE id = ANY($2)"),
            ]),
    };

    public async Task<Dictionary<string, int>> EraseAsync(string email)
    {
        var counts = await Task.WhenAll(Systems.Select(async system =>
        {
            await using var connection = await sources[system.Key].OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            long[][] keys;
            await using (var read = new NpgsqlCommand(system.Value.Keys, connection, transaction) { Parameters = { new() { Value = email } } })
            await using (var reader = await read.ExecuteReaderAsync())
            {
                await reader.ReadAsync();
                keys = [reader.GetFieldValue<long[]>(0), reader.GetFieldValue<long[]>(1), reader.GetFieldValue<long[]>(2)];
            }

            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var (_, sql) in system.Value.Statements)
            {
                var command = new NpgsqlBatchCommand(Renumber(sql));
                foreach (var value in Parameters(sql, email, keys))
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = value });
                }

                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync();
            var result = new Dictionary<string, int>();
            for (var i = 0; i < system.Value.Statements.Length; i++)
            {
                if (batch.BatchCommands[i].RecordsAffected > 0)
                {
                    result[$"{system.Key}.{system.Value.Statements[i].Table}"] = batch.BatchCommands[i].RecordsAffected;
                }
            }

            await transaction.RollbackAsync();
            return result;
        }));
        return counts.SelectMany(c => c).ToDictionary(c => c.Key, c => c.Value);
    }

    private static string H(string column) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Hmac, column);

    /// <summary>Placeholders used by a statement, renumbered from $1 so the statement binds only what it uses.</summary>
    private static string Renumber(string sql)
    {
        var used = Used(sql);
        for (var i = 0; i < used.Count; i++)
        {
            sql = sql.Replace("$" + used[i], "§" + (i + 1), StringComparison.Ordinal);
        }

        return sql.Replace('§', '$');
    }

    private static List<int> Used(string sql) => Enumerable.Range(1, 9).Where(n => sql.Contains("$" + n, StringComparison.Ordinal)).ToList();

    private IEnumerable<object> Parameters(string sql, string email, long[][] keys) => Used(sql).Select(n => n switch
    {
        1 => (object)email,
        2 => keys[0],
        3 => keys[1],
        4 => keys[2],
        8 => key.InnerPad,
        _ => key.OuterPad,
    });
}
