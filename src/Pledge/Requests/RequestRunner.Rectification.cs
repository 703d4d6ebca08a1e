using System.Data.Common;
using System.Globalization;
using System.Text;
using Pledge.Connectors;
using Pledge.Connectors.Locating;
using Pledge.Erasure;

namespace Pledge.Requests;

public sealed partial class RequestRunner
{
    /// <summary>
    /// Writes the corrected values (validated by category at submission) into the subject's rows of the named tables:
    /// one UPDATE per table and batch of keys, one transaction per system. Identity columns get the identifier's normal form.
    /// </summary>
    private async Task<RunOutcome> RectifyAsync(DataRequest request, string actor, CancellationToken cancellationToken)
    {
        var rows = await LocateAsync(request, LocateMode.KeysOnly, cancellationToken).ConfigureAwait(false);
        var changes = request.Details.Changes!;
        var updated = 0;
        foreach (var system in changes.GroupBy(c => c.Key[..c.Key.IndexOf('.', StringComparison.Ordinal)]))
        {
            var connector = _connectors.FirstOrDefault(c => c.System.Id == system.Key);
            if (connector is null)
            {
                return await FailAsync(request, actor, $"system {system.Key} is not reachable", cancellationToken).ConfigureAwait(false);
            }

            try
            {
                updated += await RectifySystemAsync(connector, rows, system, cancellationToken).ConfigureAwait(false);
            }
            catch (DbException e)
            {
                return await FailAsync(request, actor, $"rectification failed in {system.Key}: {e.Message}", cancellationToken).ConfigureAwait(false);
            }
        }

        var summary = $"rectified {changes.Count} fields in {updated.ToString(CultureInfo.InvariantCulture)} rows";
        return new RunOutcome(await CompleteAsync(request, actor, summary, null, cancellationToken).ConfigureAwait(false), null, null);
    }

    private static async Task<int> RectifySystemAsync(Connector connector, SubjectRows rows, IGrouping<string, KeyValuePair<string, string>> changes, CancellationToken cancellationToken)
    {
        var connection = await connector.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var __ = transaction.ConfigureAwait(false);
        var updated = 0;
        foreach (var table in changes.GroupBy(c => c.Key[(c.Key.IndexOf('.', StringComparison.Ordinal) + 1)..c.Key.LastIndexOf('.')]))
        {
            if (rows.Table(connector.System.Id, table.Key) is not { } located)
            {
                continue; // nothing of the subject's in this table: nothing to correct
            }

            var keys = located.Rows.Select(r => r.Key).Distinct().ToList();
            for (var start = 0; start < keys.Count; start += connector.Dialect.MaxKeysPerQuery)
            {
                var sql = new StringBuilder("UPDATE ").Append(SqlDialect.QuoteTable(table.Key)).Append(" SET ");
                var parameters = new List<object>();
                var first = true;
                foreach (var (path, value) in table)
                {
                    var column = path[(path.LastIndexOf('.') + 1)..];
                    var identity = located.Table.Identity.FirstOrDefault(i => i.Column == column);
                    var stored = identity is null ? value : Connectors.Locating.SubjectIdentifier.Normalize(identity.Identifier, value);
                    sql.Append(first ? "" : ", ").Append(SqlDialect.QuoteIdentifier(column)).Append(" = ").Append(connector.Dialect.Parameter(parameters, stored));
                    first = false;
                }

                sql.Append(" WHERE ");
                FieldErasure.AppendKeys(sql, parameters, connector.Dialect, located.Table.PrimaryKey, keys.Skip(start).Take(connector.Dialect.MaxKeysPerQuery).ToList());
                var counts = await FieldErasure.ExecuteAsync(connection, transaction,
                    [new ErasureStatement(table.Key, false, sql.ToString(), parameters, keys.Count)], cancellationToken).ConfigureAwait(false);
                updated += counts[0];
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return updated;
    }
}
