using System.Collections.Immutable;
using Pledge.Diagnostics;
using Pledge.Policy.Model;

namespace Pledge.Policy.Loading;

internal sealed partial class PolicyBinder
{
    private RetentionRule BindRetention(YNode node)
    {
        var r = new MapReader(node, "a retention rule", diagnostics);
        var id = r.Id();
        var description = r.Text("description", required: true) ?? LocalizedText.Of(id);
        var system = r.String("system");
        var table = r.String("table");
        var fields = r.Strings("fields");
        RetentionAnchor? anchor = null;
        if (r.String("anchor") is { } anchorText)
        {
            var dot = anchorText.LastIndexOf('.');
            anchor = dot > 0 ? new RetentionAnchor(anchorText[..dot], anchorText[(dot + 1)..]) : new RetentionAnchor(null, anchorText);
        }

        var period = r.Duration("period");
        var trigger = r.String("trigger");
        var conditions = ImmutableArray.CreateBuilder<RetentionCondition>();
        foreach (var item in r.Items("when"))
        {
            if (BindCondition(item) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        var action = r.Enum<RetentionAction>("action") ?? RetentionAction.Delete;
        var holds = r.Strings("holds");

        if (table is not null && system is null)
        {
            diagnostics.Add(Rules.MissingKey.At(r.At, $"retention rule '{id}' names a table but no 'system'"));
        }

        if (table is not null && trigger is null && (anchor is null || period is null))
        {
            diagnostics.Add(Rules.MissingKey.At(r.At, $"retention rule '{id}' on table '{table}' needs an 'anchor' and a 'period', or a 'trigger' event"));
        }

        if (trigger is not null && anchor is not null)
        {
            diagnostics.Add(Rules.InvalidValue.At(r.Locations["trigger"], $"retention rule '{id}' has both 'trigger' and 'anchor'; an event-triggered rule acts when the event happens"));
        }

        if (action == RetentionAction.Minimise && fields.IsEmpty)
        {
            diagnostics.Add(Rules.StrategyMismatch.At(r.At, $"retention rule '{id}' minimises but names no 'fields' to clear"));
        }

        return Attach(new RetentionRule(id, description, system, table, fields, anchor, period, trigger, conditions.ToImmutable(), action, holds, r.At), r);
    }

    private RetentionCondition? BindCondition(YNode node)
    {
        var r = new MapReader(node, "a retention condition", diagnostics);
        if (!r.IsValid)
        {
            return null;
        }

        RetentionCondition? result;
        if (r.String("no_rows_in") is { } other)
        {
            result = new NoRowsIn(other, r.String("via"), r.At);
        }
        else if (r.String("column") is { } column)
        {
            if (r.String("is") is { } isValue)
            {
                var isNull = isValue is "null" or "~" || (r.Node("is") is YScalar { IsNull: true });
                if (!isNull && isValue != "not_null")
                {
                    diagnostics.Add(Rules.InvalidValue.At(r.Locations["is"], $"'is' takes 'null' or 'not_null', not '{isValue}'"));
                }

                result = new ColumnIsNull(column, isNull, r.At);
            }
            else if (r.Has("is"))
            {
                result = new ColumnIsNull(column, true, r.At);
            }
            else if (r.Has("in") || r.Has("equals"))
            {
                var values = r.Has("in") ? r.Strings("in") : r.Strings("equals");
                result = new ColumnIn(column, values, r.At);
            }
            else
            {
                diagnostics.Add(Rules.MissingKey.At(r.At, "a column condition needs 'is: null', 'is: not_null', 'equals: VALUE' or 'in: [VALUES]'"));
                result = null;
            }
        }
        else
        {
            r.Has("is");
            r.Has("in");
            r.Has("equals");
            r.Has("via");
            diagnostics.Add(Rules.MissingKey.At(r.At, "a retention condition is '{ column: C, is: null }', '{ column: C, in: [...] }' or '{ no_rows_in: TABLE }'"));
            result = null;
        }

        r.Finish();
        if (result is not null)
        {
            sourceMap.Attach(result, r.Locations);
        }

        return result;
    }

    private LegalHold BindHold(YNode node)
    {
        var r = new MapReader(node, "a legal hold", diagnostics);
        var id = r.Id();
        var reason = r.Text("reason", required: true, Rules.HoldWithoutReason, $"legal hold '{id}' states no 'reason'") ?? LocalizedText.Of("");
        return Attach(new LegalHold(id, reason, r.Text("law"), r.Duration("period"), r.At), r);
    }
}
