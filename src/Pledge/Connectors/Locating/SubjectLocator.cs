using System.Collections.Immutable;
using Pledge.Connectors.Graph;

namespace Pledge.Connectors.Locating;

/// <summary>
/// Finds every row of a data subject in the systems of a <see cref="SubjectGraphPlan"/>. Set-based: one query per
/// table per step, with the keys found so far as one array (PostgreSQL) or bounded <c>IN</c> lists (SQLite), never a
/// query per row; values are always parameters and names always quoted. Systems are searched concurrently.
/// Thread-safe: create one per policy and share it.
/// </summary>
public sealed class SubjectLocator
{
    private readonly SubjectGraphPlan _plan;
    private readonly Dictionary<string, Connector> _connectors;

    /// <summary>Creates a locator for <paramref name="plan"/> that searches the systems <paramref name="connectors"/> reach.</summary>
    public SubjectLocator(SubjectGraphPlan plan, IEnumerable<Connector> connectors)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(connectors);
        _plan = plan;
        _connectors = connectors.ToDictionary(c => c.System.Id, StringComparer.Ordinal);
    }

    /// <summary>Sees every statement a search runs, with its system: for EXPLAIN in tests, benchmarks and <c>pledge demo locate --explain</c>.</summary>
    internal Action<string, SqlQuery>? QueryObserver { get; init; }

    /// <summary>Finds the rows of the subject with <paramref name="identifiers"/>, reading every column the data map names.</summary>
    public Task<SubjectRows> FindAsync(IEnumerable<SubjectIdentifier> identifiers, CancellationToken cancellationToken = default) =>
        FindAsync(identifiers, LocateMode.Values, cancellationToken);

    /// <summary>
    /// Finds the rows of the subject with <paramref name="identifiers"/>: rows whose identity column holds one of
    /// them, and rows that reference a found row, transitively (see <see cref="SubjectGraphPlan"/>). Identifiers of
    /// kinds no identity column has are ignored. Throws <see cref="System.Data.Common.DbException"/> when a database fails,
    /// and <see cref="InvalidOperationException"/> when a table of the data map is missing from its database.
    /// </summary>
    public async Task<SubjectRows> FindAsync(IEnumerable<SubjectIdentifier> identifiers, LocateMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var byKind = identifiers.Where(i => i.Value.Length > 0)
            .GroupBy(i => i.Kind, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(i => i.Value).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var searches = new List<Task<List<LocatedTable>>>();
        var unsearched = ImmutableArray.CreateBuilder<string>();
        foreach (var system in _plan.Systems)
        {
            if (_connectors.TryGetValue(system.System.Id, out var connector))
            {
                searches.Add(new SystemSearch(system, connector, mode, QueryObserver).RunAsync(byKind, cancellationToken));
            }
            else
            {
                unsearched.Add(system.System.Id);
            }
        }

        var found = await Task.WhenAll(searches).ConfigureAwait(false);
        return new SubjectRows([.. found.SelectMany(f => f)], unsearched.ToImmutable());
    }
}
