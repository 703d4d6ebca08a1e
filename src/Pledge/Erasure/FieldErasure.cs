using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Pledge.Connectors;
using Pledge.Connectors.Locating;
using Pledge.Policy.Model;

namespace Pledge.Erasure;

/// <summary>
/// Set-based erasure statements for one table: given the keys of the rows to change and what to do with each field,
/// one UPDATE (or DELETE) per batch of keys, never one per row. Used by the request engine's erasure and by the
/// retention engine's anonymise action.
/// <list type="bullet">
/// <item><see cref="ErasureStrategy.Null"/>: the column becomes NULL.</item>
/// <item><see cref="ErasureStrategy.Mask"/>: a non-NULL value becomes <see cref="DefaultMask"/> (or the action's mask); NULL stays NULL.
/// Meant for text columns; the request engine nulls a masked column the database does not type as text.</item>
/// <item><see cref="ErasureStrategy.Hash"/>: a non-NULL value becomes the lower-case hex HMAC-SHA256 of its text form under the
/// <see cref="ErasureKey"/> (64 characters), computed inside the database: on SQLite by the function <c>pledge_hmac</c> that
/// <see cref="Prepare"/> registers on the connection, on PostgreSQL from the built-in <c>sha256()</c> as
/// H((K⊕opad) ‖ H((K⊕ipad) ‖ m)), so no extension (pgcrypto) is needed. Both equal <see cref="ErasureKey.Token"/>.</item>
/// <item><see cref="ErasureStrategy.DeleteRow"/> on any field, or <c>delete: true</c>: the rows are deleted.</item>
/// <item><see cref="ErasureStrategy.Retain"/>: the column is left alone (a legal hold).</item>
/// </list>
/// Usage: <c>var statements = FieldErasure.Build(dialect, table, keyColumns, keys, fields, key);</c> then, on an open connection
/// inside the caller's transaction, <c>FieldErasure.Prepare(connection, key)</c> and <c>await FieldErasure.ExecuteAsync(connection,
/// transaction, statements)</c>. Identifiers are quoted (<see cref="SqlDialect.QuoteIdentifier"/> refuses anything but plain
/// names) and every value, key and mask is a parameter. Stateless and thread-safe.
/// </summary>
public static class FieldErasure
{
    /// <summary>The value a masked text field gets.</summary>
    public const string DefaultMask = "[erased]";

    /// <summary>The SQLite function <see cref="Prepare"/> registers.</summary>
    public const string SqliteFunction = "pledge_hmac";

    /// <summary>
    /// The statements that erase <paramref name="fields"/> in the rows of <paramref name="table"/> whose
    /// <paramref name="keyColumns"/> equal one of <paramref name="keys"/> (values in key-column order, one CLR type per column).
    /// Empty when there are no keys or nothing to change.
    /// </summary>
    public static IReadOnlyList<ErasureStatement> Build(
        SqlDialect dialect,
        string table,
        IReadOnlyList<string> keyColumns,
        IReadOnlyList<RowKey> keys,
        IReadOnlyList<FieldAction> fields,
        ErasureKey key,
        bool delete = false)
    {
        ArgumentNullException.ThrowIfNull(dialect);
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(keyColumns);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(key);
        if (keyColumns.Count == 0)
        {
            throw new ArgumentException("a table needs at least one key column", nameof(keyColumns));
        }

        delete |= fields.Any(f => f.Strategy == ErasureStrategy.DeleteRow);
        var changed = fields.Where(f => f.Strategy is ErasureStrategy.Null or ErasureStrategy.Mask or ErasureStrategy.Hash).ToList();
        if (keys.Count == 0 || (!delete && changed.Count == 0))
        {
            return [];
        }

        var batch = Math.Max(1, dialect.MaxKeysPerQuery / keyColumns.Count);
        var statements = new List<ErasureStatement>();
        for (var start = 0; start < keys.Count; start += batch)
        {
            var slice = keys.Skip(start).Take(batch).ToList();
            var sql = new StringBuilder();
            var parameters = new List<object>();
            if (delete)
            {
                sql.Append("DELETE FROM ").Append(SqlDialect.QuoteTable(table));
            }
            else
            {
                sql.Append("UPDATE ").Append(SqlDialect.QuoteTable(table)).Append(" SET ");
                for (var i = 0; i < changed.Count; i++)
                {
                    sql.Append(i == 0 ? "" : ", ").Append(SqlDialect.QuoteIdentifier(changed[i].Column)).Append(" = ");
                    AppendValue(sql, parameters, dialect, changed[i], key);
                }
            }

            sql.Append(" WHERE ");
            AppendKeys(sql, parameters, dialect, keyColumns, slice);
            statements.Add(new ErasureStatement(table, delete, sql.ToString(), parameters, slice.Count));
        }

        return statements;
    }

    /// <summary>
    /// Makes <paramref name="connection"/> ready for hash statements: on SQLite registers <see cref="SqliteFunction"/> with
    /// <paramref name="key"/>; on PostgreSQL nothing is needed.
    /// </summary>
    public static void Prepare(DbConnection connection, ErasureKey key)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(key);
        if (connection is SqliteConnection sqlite)
        {
            sqlite.CreateFunction<object?, string?>(SqliteFunction, value => value is null or DBNull ? null : key.Token(TextOf(value)), isDeterministic: true);
        }
    }

    /// <summary>
    /// Runs <paramref name="statements"/> in order in <paramref name="transaction"/>; returns the rows each changed. On
    /// PostgreSQL they go as one batch, one round trip instead of one per statement (about 14 statements for a demo
    /// customer); on SQLite, in process, one after another.
    /// </summary>
    public static async Task<IReadOnlyList<int>> ExecuteAsync(
        DbConnection connection,
        DbTransaction? transaction,
        IEnumerable<ErasureStatement> statements,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(statements);
        if (connection is Npgsql.NpgsqlConnection postgres)
        {
            var list = statements.ToList();
            if (list.Count == 0)
            {
                return [];
            }

            using var batch = new Npgsql.NpgsqlBatch(postgres, transaction as Npgsql.NpgsqlTransaction);
            foreach (var statement in list)
            {
                var command = new Npgsql.NpgsqlBatchCommand(statement.Text);
                foreach (var value in statement.Parameters)
                {
                    command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = value });
                }

                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            var affected = new int[list.Count];
            for (var i = 0; i < affected.Length; i++)
            {
                affected[i] = batch.BatchCommands[i].RecordsAffected;
            }

            return affected;
        }

        var named = connection is SqliteConnection;
        var counts = new List<int>();
        foreach (var statement in statements)
        {
            var command = connection.CreateCommand();
            await using var _ = command.ConfigureAwait(false);
            command.Transaction = transaction;
            command.CommandText = statement.Text;
            for (var i = 0; i < statement.Parameters.Count; i++)
            {
                var parameter = command.CreateParameter();
                if (named)
                {
                    parameter.ParameterName = "$p" + i.ToString(CultureInfo.InvariantCulture);
                }

                parameter.Value = statement.Parameters[i];
                command.Parameters.Add(parameter);
            }

            counts.Add(await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false));
        }

        return counts;
    }

    /// <summary>The text a value is hashed as: what PostgreSQL's <c>::text</c> gives for the same value.</summary>
    internal static string TextOf(object value) => value switch
    {
        string s => s,
        byte[] bytes => "\\x" + Convert.ToHexStringLower(bytes),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static void AppendValue(StringBuilder sql, List<object> parameters, SqlDialect dialect, FieldAction field, ErasureKey key)
    {
        var column = SqlDialect.QuoteIdentifier(field.Column);
        switch (field.Strategy)
        {
            case ErasureStrategy.Null:
                sql.Append("NULL");
                break;
            case ErasureStrategy.Mask:
                sql.Append("CASE WHEN ").Append(column).Append(" IS NULL THEN NULL ELSE ")
                    .Append(dialect.Parameter(parameters, field.Mask ?? DefaultMask)).Append(" END");
                break;
            case ErasureStrategy.Hash when dialect.UsesArrays:
                // HMAC from two plain SHA-256 passes; the pads are parameters, never literals in the statement text.
                var inner = dialect.Parameter(parameters, key.InnerPad);
                var outer = dialect.Parameter(parameters, key.OuterPad);
                sql.Append("encode(sha256(").Append(outer).Append("::bytea || sha256(").Append(inner)
                    .Append("::bytea || convert_to(").Append(column).Append("::text, 'UTF8'))), 'hex')");
                break;
            case ErasureStrategy.Hash:
                sql.Append(SqliteFunction).Append('(').Append(column).Append(')');
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field.Strategy, "not a field update");
        }
    }

    internal static void AppendKeys(StringBuilder sql, List<object> parameters, SqlDialect dialect, IReadOnlyList<string> keyColumns, List<RowKey> keys)
    {
        if (keyColumns.Count == 1)
        {
            dialect.AppendKeyMatch(sql, parameters, keyColumns[0], keys.Select(k => k.Values[0]!).ToList());
            return;
        }

        sql.Append('(').Append(string.Join(", ", keyColumns.Select(SqlDialect.QuoteIdentifier))).Append(") IN (");
        if (dialect.UsesArrays)
        {
            // One typed array per key column, zipped back into rows by unnest: still one statement per batch.
            sql.Append("SELECT * FROM unnest(");
            for (var c = 0; c < keyColumns.Count; c++)
            {
                var column = keys.Select(k => k.Values[c]!).ToList();
                var array = Array.CreateInstance(column[0].GetType(), column.Count);
                for (var i = 0; i < column.Count; i++)
                {
                    array.SetValue(column[i], i);
                }

                sql.Append(c == 0 ? "" : ", ").Append(dialect.Parameter(parameters, array));
            }

            sql.Append("))");
            return;
        }

        sql.Append("VALUES ");
        for (var r = 0; r < keys.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < keyColumns.Count; c++)
            {
                sql.Append(c == 0 ? "" : ", ").Append(dialect.Parameter(parameters, keys[r].Values[c]!));
            }

            sql.Append(')');
        }

        sql.Append(')');
    }
}
