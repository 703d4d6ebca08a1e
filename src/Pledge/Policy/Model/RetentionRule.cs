using System.Collections.Immutable;
using Pledge.Diagnostics;

namespace Pledge.Policy.Model;

/// <summary>
/// How long data is kept and what happens then. Either timed (a <see cref="Period"/> after an
/// <see cref="Anchor"/> timestamp), event-triggered (<see cref="Trigger"/>: "cleared when the user signs
/// out"), or a stated rule with no table that Pledge publishes but does not enforce itself.
/// </summary>
/// <param name="Fields">For anonymise and minimise: the fields acted on (anonymise defaults to every personal-data field).</param>
/// <param name="When">Conditions that must all hold for a row to expire.</param>
/// <param name="Holds">Legal holds that exempt rows.</param>
public sealed record RetentionRule(
    string Id,
    LocalizedText Description,
    string? System,
    string? Table,
    ImmutableArray<string> Fields,
    RetentionAnchor? Anchor,
    PolicyDuration? Period,
    string? Trigger,
    ImmutableArray<RetentionCondition> When,
    RetentionAction Action,
    ImmutableArray<string> Holds,
    SourceLocation At)
{
    /// <summary>Whether Pledge enforces the rule on a table of the data map.</summary>
    public bool IsEnforced => Table is not null;
}

/// <summary>The timestamp a retention period counts from: a column of the rule's table, or of a table it references.</summary>
/// <param name="Table">Null for the rule's own table; otherwise a table reached through a reference.</param>
public sealed record RetentionAnchor(string? Table, string Column)
{
    /// <inheritdoc />
    public override string ToString() => Table is null ? Column : $"{Table}.{Column}";
}

/// <summary>A condition on a row, in the policy's own terms.</summary>
public abstract record RetentionCondition(SourceLocation At);

/// <summary><c>{ column: member_since, is: null }</c> or <c>is: not_null</c>.</summary>
public sealed record ColumnIsNull(string Column, bool IsNull, SourceLocation At) : RetentionCondition(At);

/// <summary><c>{ column: status, in: [closed, resolved] }</c> (or <c>equals: closed</c>).</summary>
public sealed record ColumnIn(string Column, ImmutableArray<string> Values, SourceLocation At) : RetentionCondition(At);

/// <summary><c>{ no_rows_in: invoices }</c>: no row of that table refers to this row (through <paramref name="Via"/>, if given).</summary>
public sealed record NoRowsIn(string Table, string? Via, SourceLocation At) : RetentionCondition(At);

/// <summary>A legal hold: data kept beyond its retention, or despite erasure, for a stated legal reason.</summary>
public sealed record LegalHold(string Id, LocalizedText Reason, LocalizedText? Law, PolicyDuration? Period, SourceLocation At);

/// <summary>An event in the organisation's systems that can trigger retention ("viewer.signed_out").</summary>
public sealed record PolicyEvent(string Id, LocalizedText Description, SourceLocation At);
