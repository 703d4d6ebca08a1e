using System.Collections.Immutable;

namespace Pledge.Erasure;

/// <summary>What an erasure did (or, in a dry run, would do) in one table.</summary>
/// <param name="Rows">The subject's rows in the table.</param>
/// <param name="Changed">Rows deleted or updated; in a dry run, the rows that would be.</param>
/// <param name="Fields">Each changed field with its strategy, e.g. <c>email:hash</c>.</param>
public sealed record TableOutcome(
    string Table,
    TableAction Action,
    int Rows,
    int Changed,
    ImmutableArray<string> Fields,
    ImmutableArray<RetainedField> Retained,
    string? Note);

/// <summary>The erasure of one system: all of its statements committed, or none (<see cref="Error"/> says why).</summary>
public sealed record SystemOutcome(string SystemId, bool Committed, string? Error, ImmutableArray<TableOutcome> Tables)
{
    /// <summary>Committed by an earlier run of the same request (after which another system failed): not run again.</summary>
    public bool CommittedEarlier { get; init; }
}

/// <summary>The outcome of an erasure, system by system.</summary>
/// <param name="DryRun">Nothing was changed: the counts are what a real run would change.</param>
/// <param name="Unsearched">Systems that could not be searched: the subject's data there, if any, is untouched.</param>
public sealed record ErasureReport(bool DryRun, ImmutableArray<SystemOutcome> Systems, ImmutableArray<string> Unsearched)
{
    /// <summary>Whether every system committed (or, in a dry run, could be planned) and none was left unsearched.</summary>
    public bool Complete => Systems.All(s => s.Committed || DryRun) && Unsearched.IsEmpty;

    /// <summary>Rows deleted in all systems.</summary>
    public int Deleted => Systems.Where(s => s.Committed || DryRun).SelectMany(s => s.Tables).Where(t => t.Action == TableAction.Delete).Sum(t => t.Changed);

    /// <summary>Rows anonymised in all systems.</summary>
    public int Anonymised => Systems.Where(s => s.Committed || DryRun).SelectMany(s => s.Tables).Where(t => t.Action == TableAction.Anonymise).Sum(t => t.Changed);

    /// <summary>Rows kept under a legal hold.</summary>
    public int Retained => Systems.SelectMany(s => s.Tables).Where(t => t.Action == TableAction.Retain).Sum(t => t.Rows);
}
