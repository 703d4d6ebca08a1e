using System.Globalization;
using System.Text;
using Pledge.Connectors;
using Pledge.Erasure;
using Pledge.Policy.Model;

namespace Pledge.Retention;

/// <summary>
/// The SQL of one compiled rule in one dialect. Every statement selects the same rows: the expiry predicate
/// (anchor before the cut-off, the rule's conditions, for anonymise and minimise "still holds the data"), minus the
/// rows under the rule's legal holds, within a key range <c>(lo, hi]</c> for a batch. Re-evaluating the predicate in
/// the action itself (instead of sending the keys selected a moment earlier) keeps each statement set-based and makes
/// a row changed in between safe: it is acted on only if it still qualifies. Identifiers are quoted, values are parameters.
/// </summary>
internal sealed class RetentionSql(CompiledRule rule, SqlDialect dialect, DateTimeOffset cutoff, HeldKeys held)
{
    /// <summary>For an event: only these keys, and no anchor (the event itself is the trigger).</summary>
    public IReadOnlyList<object>? OnlyKeys { get; init; }

    private string T => SqlDialect.QuoteIdentifier(SqlDialect.SplitTable(rule.Table.Name).Table);

    private string Key => T + "." + SqlDialect.QuoteIdentifier(rule.KeyColumn);

    private bool Postgres => dialect.UsesArrays;

    /// <summary>The count and highest key of the next batch of at most <paramref name="size"/> rows after <paramref name="after"/>.</summary>
    public SqlQuery NextBatch(object? after, int size)
    {
        var p = new List<object>();
        var sql = new StringBuilder("SELECT count(*), max(k) FROM (SELECT ").Append(Key).Append(" AS k FROM ")
            .Append(SqlDialect.QuoteTable(rule.Table.Name)).Append(" WHERE ");
        AppendWhere(sql, p, after, null, heldOnly: false);
        sql.Append(" ORDER BY ").Append(Key).Append(" LIMIT ").Append(size.ToString(CultureInfo.InvariantCulture)).Append(") s");
        return new SqlQuery(sql.ToString(), p);
    }

    /// <summary>Count and oldest anchor of the rows that would be acted on (or, with <paramref name="heldOnly"/>, held back).</summary>
    public SqlQuery Summary(bool heldOnly)
    {
        var p = new List<object>();
        var sql = new StringBuilder("SELECT count(*), min(").Append(AnchorExpression(raw: true)).Append(") FROM ")
            .Append(SqlDialect.QuoteTable(rule.Table.Name)).Append(" WHERE ");
        AppendWhere(sql, p, null, null, heldOnly);
        return new SqlQuery(sql.ToString(), p);
    }

    /// <summary>The keys of the next batch of at most <paramref name="size"/> rows after <paramref name="after"/>, in key order (for anonymise).</summary>
    public SqlQuery NextKeys(object? after, int size)
    {
        var p = new List<object>();
        var sql = new StringBuilder("SELECT ").Append(Key).Append(" FROM ").Append(SqlDialect.QuoteTable(rule.Table.Name)).Append(" WHERE ");
        AppendWhere(sql, p, after, null, heldOnly: false);
        sql.Append(" ORDER BY ").Append(Key).Append(" LIMIT ").Append(size.ToString(CultureInfo.InvariantCulture));
        return new SqlQuery(sql.ToString(), p);
    }

    /// <summary>What anonymise does to each field, for <see cref="FieldErasure"/>.</summary>
    public IReadOnlyList<FieldAction> FieldErasures => [.. rule.FieldActions.Select(f => new FieldAction(f.Column, f.Erasure))];

    /// <summary>The statements of one batch of a delete or minimise, children first: the cascade deletes, then the action.</summary>
    public IReadOnlyList<SqlQuery> Batch(object? after, object? upTo)
    {
        var list = new List<SqlQuery>();
        foreach (var step in rule.Cascade)
        {
            var p = new List<object>();
            var sql = new StringBuilder("DELETE FROM ").Append(SqlDialect.QuoteTable(step.Table.Name)).Append(" WHERE ")
                .Append(SqlDialect.QuoteIdentifier(step.Column)).Append(" IN (");
            AppendKeysOf(sql, p, step, after, upTo);
            list.Add(new SqlQuery(sql.Append(')').ToString(), p));
        }

        var parameters = new List<object>();
        var action = new StringBuilder();
        if (rule.Action == RetentionAction.Delete)
        {
            action.Append("DELETE FROM ").Append(SqlDialect.QuoteTable(rule.Table.Name));
        }
        else
        {
            // Minimise clears the named fields; anonymise goes through FieldErasure with the batch's keys.
            action.Append("UPDATE ").Append(SqlDialect.QuoteTable(rule.Table.Name)).Append(" SET ")
                .Append(string.Join(", ", rule.FieldActions.Select(f => SqlDialect.QuoteIdentifier(f.Column) + " = NULL")));
        }

        action.Append(" WHERE ");
        AppendWhere(action, parameters, after, upTo, heldOnly: false);
        list.Add(new SqlQuery(action.ToString(), parameters));
        return list;
    }

    /// <summary>The keys of the parent rows a cascade step refers to: nested subqueries down from the rule's table.</summary>
    private void AppendKeysOf(StringBuilder sql, List<object> p, CascadeStep step, object? after, object? upTo)
    {
        if (step.Parent is null)
        {
            sql.Append("SELECT ").Append(Key).Append(" FROM ").Append(SqlDialect.QuoteTable(rule.Table.Name)).Append(" WHERE ");
            AppendWhere(sql, p, after, upTo, heldOnly: false);
            return;
        }

        var parent = step.Parent;
        sql.Append("SELECT ").Append(SqlDialect.QuoteIdentifier(step.ParentKey)).Append(" FROM ").Append(SqlDialect.QuoteTable(parent.Table.Name))
            .Append(" WHERE ").Append(SqlDialect.QuoteIdentifier(parent.Column)).Append(" IN (");
        AppendKeysOf(sql, p, parent, after, upTo);
        sql.Append(')');
    }

    private void AppendWhere(StringBuilder sql, List<object> p, object? after, object? upTo, bool heldOnly)
    {
        if (after is not null)
        {
            sql.Append(Key).Append(" > ").Append(dialect.Parameter(p, after)).Append(" AND ");
        }

        if (upTo is not null)
        {
            sql.Append(Key).Append(" <= ").Append(dialect.Parameter(p, upTo)).Append(" AND ");
        }

        if (OnlyKeys is not null)
        {
            var keys = new StringBuilder();
            dialect.AppendKeyMatch(keys, p, rule.KeyColumn, OnlyKeys);
            sql.Append(T).Append('.').Append(keys);
            if (rule.Action != RetentionAction.Delete)
            {
                sql.Append(" AND (").Append(string.Join(" OR ", rule.FieldActions.Select(f => StillHolds(f, p)))).Append(')');
            }

            return;
        }

        var cutoffValue = Postgres ? (object)cutoff.ToUniversalTime() : cutoff.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        sql.Append(AnchorExpression(raw: false)).Append(" < ")
            .Append(Postgres ? dialect.Parameter(p, cutoffValue) : "datetime(" + dialect.Parameter(p, cutoffValue) + ")");
        foreach (var condition in rule.Rule.When)
        {
            sql.Append(" AND ");
            AppendCondition(sql, p, condition);
        }

        if (rule.Action != RetentionAction.Delete)
        {
            sql.Append(" AND (").Append(string.Join(" OR ", rule.FieldActions.Select(f => StillHolds(f, p)))).Append(')');
        }

        if (held.Keys.Count > 0)
        {
            sql.Append(heldOnly ? " AND " : " AND NOT ").Append('(');
            if (Postgres)
            {
                sql.Append(Key).Append(" = ANY(").Append(dialect.Parameter(p, held.AsArray())).Append(')');
            }
            else
            {
                sql.Append(Key).Append(" IN (SELECT value FROM json_each(").Append(dialect.Parameter(p, held.AsJson())).Append("))");
            }

            sql.Append(')');
        }
        else if (heldOnly)
        {
            sql.Append(" AND 1 = 0");
        }
    }

    /// <summary>The anchor timestamp: a column of the row, or of the referenced row. SQLite compares through datetime().</summary>
    private string AnchorExpression(bool raw)
    {
        var anchor = rule.Rule.Anchor!;
        string column;
        if (rule.AnchorReference is { } reference)
        {
            var other = SqlDialect.QuoteTable(rule.AnchorTable!.Name);
            column = $"(SELECT a.{SqlDialect.QuoteIdentifier(anchor.Column)} FROM {other} a WHERE a.{SqlDialect.QuoteIdentifier(RetentionPlanner.Target(reference, rule.AnchorTable))} = {T}.{SqlDialect.QuoteIdentifier(reference.Column)})";
        }
        else
        {
            column = T + "." + SqlDialect.QuoteIdentifier(anchor.Column);
        }

        return raw || Postgres ? column : "datetime(" + column + ")";
    }

    private void AppendCondition(StringBuilder sql, List<object> p, RetentionCondition condition)
    {
        switch (condition)
        {
            case ColumnIsNull c:
                sql.Append(T).Append('.').Append(SqlDialect.QuoteIdentifier(c.Column)).Append(c.IsNull ? " IS NULL" : " IS NOT NULL");
                break;
            case ColumnIn c:
                sql.Append(T).Append('.').Append(SqlDialect.QuoteIdentifier(c.Column)).Append(" IN (")
                    .Append(string.Join(", ", c.Values.Select(v => dialect.Parameter(p, v)))).Append(')');
                break;
            case NoRowsIn c:
                var other = rule.System.Table(c.Table)!;
                var via = c.Via ?? other.References.First(r => r.Table == rule.Table.Name).Column;
                var target = other.References.FirstOrDefault(r => r.Column == via) is { } link ? RetentionPlanner.Target(link, rule.Table) : rule.KeyColumn;
                sql.Append("NOT EXISTS (SELECT 1 FROM ").Append(SqlDialect.QuoteTable(other.Name)).Append(" n WHERE n.")
                    .Append(SqlDialect.QuoteIdentifier(via)).Append(" = ").Append(T).Append('.').Append(SqlDialect.QuoteIdentifier(target)).Append(')');
                break;
            default:
                throw new InvalidOperationException($"unknown retention condition {condition.GetType().Name}");
        }
    }

    /// <summary>Whether the field still holds what the action removes: the action is idempotent, a second run finds nothing.</summary>
    private string StillHolds(FieldMap field, List<object> p)
    {
        var c = T + "." + SqlDialect.QuoteIdentifier(field.Column);
        return field.Erasure switch
        {
            ErasureStrategy.Mask => $"({c} IS NOT NULL AND {c} <> {dialect.Parameter(p, FieldErasure.DefaultMask)})",
            ErasureStrategy.Hash when Postgres => $"({c} IS NOT NULL AND {c}::text !~ '^[0-9a-f]{{64}}$')",
            ErasureStrategy.Hash => $"({c} IS NOT NULL AND NOT (length({c}) = 64 AND {c} NOT GLOB '*[^0-9a-f]*'))",
            _ => $"{c} IS NOT NULL",
        };
    }
}
