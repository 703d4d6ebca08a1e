using System.Globalization;
using Pledge.Policy.Model;
using Pledge.Retention;

namespace Pledge.Tests.Retention;

/// <summary>
/// Which rows a rule should act on, worked out in C# from a dump of the database: an oracle independent of the SQL
/// the planner writes.
/// </summary>
internal static class ExpiryOracle
{
    public static HashSet<long> Expected(CompiledRule rule, Dictionary<string, List<Dictionary<string, object?>>> dump, DateTimeOffset now, ISet<long> held)
    {
        var cutoff = rule.Rule.Period!.Value.SubtractFrom(now);
        var expected = new HashSet<long>();
        foreach (var row in dump[rule.Table.Name])
        {
            var id = Id(row["id"]);
            object? anchor;
            if (rule.AnchorReference is { } reference)
            {
                var target = row[reference.Column];
                var parent = target is null ? null : dump[rule.AnchorTable!.Name].FirstOrDefault(r => Id(r["id"]) == Id(target));
                anchor = parent?[rule.Rule.Anchor!.Column];
            }
            else
            {
                anchor = row[rule.Rule.Anchor!.Column];
            }

            if (anchor is null || Instant(anchor) >= cutoff || held.Contains(id) || !rule.Rule.When.All(c => Holds(c, rule, row, dump)))
            {
                continue;
            }

            if (rule.Action != RetentionAction.Delete && !rule.FieldActions.Any(f => StillHolds(f, row[f.Column])))
            {
                continue;
            }

            expected.Add(id);
        }

        return expected;
    }

    public static long Id(object? value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static bool IsToken(object? value) => value is string s && s.Length == 64 && s.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private static bool StillHolds(FieldMap field, object? value) => field.Erasure switch
    {
        ErasureStrategy.Mask => value is not null && !Equals(value, RetentionSqlMask),
        ErasureStrategy.Hash => value is not null && !IsToken(value),
        _ => value is not null,
    };

    public const string RetentionSqlMask = Pledge.Erasure.FieldErasure.DefaultMask;

    private static bool Holds(RetentionCondition condition, CompiledRule rule, Dictionary<string, object?> row, Dictionary<string, List<Dictionary<string, object?>>> dump) => condition switch
    {
        ColumnIsNull c => (row[c.Column] is null) == c.IsNull,
        ColumnIn c => c.Values.Contains(Convert.ToString(row[c.Column], CultureInfo.InvariantCulture) ?? ""),
        NoRowsIn c => !dump[c.Table].Any(r => r[c.Via ?? rule.System.Table(c.Table)!.References.First(x => x.Table == rule.Table.Name).Column] is { } v && Id(v) == Id(row["id"])),
        _ => throw new InvalidOperationException(),
    };

    private static DateTimeOffset Instant(object value) => value switch
    {
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        DateTimeOffset d => d,
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new InvalidOperationException(value.GetType().Name),
    };
}
