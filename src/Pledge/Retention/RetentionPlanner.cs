using System.Collections.Immutable;
using Pledge.Policy.Model;

namespace Pledge.Retention;

/// <summary>
/// Resolves the policy's enforced, timed retention rules against its data map, once, into <see cref="CompiledRule"/>s.
/// Rules without a table are stated only (published, not enforced); rules with a <c>trigger</c> run on their event
/// (<see cref="RetentionEvents"/>). A rule that cannot be enforced (no single-column primary key, an anchor on a table
/// with no reference to it) is reported with the reason instead of being compiled. Thread safe; stateless.
/// </summary>
public static class RetentionPlanner
{
    /// <summary>Most levels a delete cascades through: the data map's references are shallow; a cycle is cut here.</summary>
    private const int MaxCascadeDepth = 4;

    /// <summary>Compiles the timed rules of <paramref name="policy"/> (all, or the one named <paramref name="ruleId"/>).</summary>
    public static RetentionCompilation Compile(Policy.Model.Policy policy, string? ruleId = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var rules = ImmutableArray.CreateBuilder<CompiledRule>();
        var skipped = ImmutableArray.CreateBuilder<SkippedRule>();
        foreach (var rule in policy.Retention)
        {
            if (ruleId is not null && rule.Id != ruleId)
            {
                continue;
            }

            if (!rule.IsEnforced)
            {
                skipped.Add(new SkippedRule(rule.Id, "stated only: the rule names no table"));
                continue;
            }

            if (rule.Trigger is not null)
            {
                skipped.Add(new SkippedRule(rule.Id, $"runs on event {rule.Trigger}: pledge retention trigger {rule.Trigger}"));
                continue;
            }

            var compiled = CompileOne(policy, rule, out var reason);
            if (compiled is null)
            {
                skipped.Add(new SkippedRule(rule.Id, reason!));
            }
            else
            {
                rules.Add(compiled);
            }
        }

        return new RetentionCompilation(rules.ToImmutable(), skipped.ToImmutable());
    }

    /// <summary>Compiles one rule whatever its kind (timed or event-triggered), or says why it cannot be enforced.</summary>
    public static CompiledRule? CompileOne(Policy.Model.Policy policy, RetentionRule rule, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(rule);
        reason = null;
        var system = policy.Systems.FirstOrDefault(s => s.Id == rule.System);
        var table = system?.Table(rule.Table ?? "");
        if (system is null || table is null)
        {
            reason = $"table {rule.System}.{rule.Table} is not in the data map";
            return null;
        }

        if (table.PrimaryKey.Length != 1)
        {
            reason = $"table {table.Name} needs a single-column primary key for batched retention";
            return null;
        }

        TableReference? anchorReference = null;
        TableMap? anchorTable = null;
        if (rule.Anchor?.Table is { } anchorTableName && anchorTableName != table.Name)
        {
            anchorReference = table.References.FirstOrDefault(r => r.Table == anchorTableName);
            anchorTable = system.Table(anchorTableName);
            if (anchorReference is null || anchorTable is null)
            {
                reason = $"anchor {rule.Anchor} is on a table {table.Name} has no reference to";
                return null;
            }
        }

        var fields = rule.Action switch
        {
            RetentionAction.Delete => ImmutableArray<FieldMap>.Empty,
            RetentionAction.Minimise => [.. rule.Fields.Select(f => table.Field(f) ?? new FieldMap(f, "", ErasureStrategy.Null, null, rule.At))
                .Select(f => f with { Erasure = ErasureStrategy.Null })],
            _ => [.. (rule.Fields.IsDefaultOrEmpty ? table.Fields : [.. rule.Fields.Select(f => table.Field(f)).OfType<FieldMap>()])
                .Where(f => f.Erasure is ErasureStrategy.Null or ErasureStrategy.Mask or ErasureStrategy.Hash)],
        };
        if (rule.Action != RetentionAction.Delete && fields.IsEmpty)
        {
            reason = $"the {rule.Action.ToString().ToLowerInvariant()} action has no field to change in {table.Name}";
            return null;
        }

        var cascade = rule.Action == RetentionAction.Delete
            ? CascadeOf(system, table, table.PrimaryKey[0], null, 1)
            : [];
        return new CompiledRule(rule, system, table, table.PrimaryKey[0], anchorReference, anchorTable, fields, cascade);
    }

    /// <summary>Children first: the deepest tables come first, so every delete finds no row still referring to it.</summary>
    private static ImmutableArray<CascadeStep> CascadeOf(DataSystem system, TableMap parent, string parentKey, CascadeStep? via, int depth)
    {
        if (depth > MaxCascadeDepth)
        {
            return [];
        }

        var steps = ImmutableArray.CreateBuilder<CascadeStep>();
        foreach (var child in system.Tables)
        {
            foreach (var reference in child.References.Where(r => r.Table == parent.Name && Target(r, parent) == parentKey))
            {
                if (child.Name == parent.Name || child.PrimaryKey.Length != 1)
                {
                    continue;
                }

                var step = new CascadeStep(child, reference.Column, via, parent.Name, parentKey);
                steps.AddRange(CascadeOf(system, child, child.PrimaryKey[0], step, depth + 1));
                steps.Add(step);
            }
        }

        return steps.ToImmutable();
    }

    /// <summary>The column a reference points at: its <c>target_column</c>, else the target table's primary key.</summary>
    internal static string Target(TableReference reference, TableMap target) =>
        reference.TargetColumn.Length > 0 ? reference.TargetColumn : target.PrimaryKey.FirstOrDefault() ?? "id";
}

/// <summary>The compiled rules, and the rules not compiled with the reason.</summary>
public sealed record RetentionCompilation(ImmutableArray<CompiledRule> Rules, ImmutableArray<SkippedRule> Skipped);

/// <summary>A rule the planner did not compile for timed enforcement, and why.</summary>
public sealed record SkippedRule(string RuleId, string Reason);
