using System.Collections.Immutable;
using System.Data.Common;
using System.Runtime.InteropServices;
using Pledge.Connectors.Graph;

namespace Pledge.Connectors.Locating;

/// <summary>The rows of one table found so far, deduplicated by primary key, and the values other tables will be matched against.</summary>
internal sealed class FoundRows
{
    private readonly TablePlan _table;
    private readonly int[] _keyAt;
    private readonly (string Column, int At, HashSet<object> Seen)[] _links;
    private readonly Dictionary<RowKey, object?[]> _rows = [];
    private readonly List<RowKey> _order = [];
    private Dictionary<string, List<object>> _added = new(StringComparer.Ordinal);
    private Dictionary<string, List<object>> _fresh = new(StringComparer.Ordinal);

    public FoundRows(TablePlan table, ImmutableArray<string> columns)
    {
        _table = table;
        Columns = columns;
        _keyAt = [.. table.Table.PrimaryKey.Select(k => columns.IndexOf(k, StringComparer.Ordinal))];
        _links = [.. table.LinkColumns.Select(c => (c, columns.IndexOf(c, StringComparer.Ordinal), new HashSet<object>()))];
    }

    public ImmutableArray<string> Columns { get; }

    public int Count => _order.Count;

    /// <summary>Every non-null value of <paramref name="column"/> among the rows found.</summary>
    public List<object> Values(string column) => [.. _links.First(l => l.Column == column).Seen];

    /// <summary>The values of <paramref name="column"/> first seen in the previous round.</summary>
    public List<object> NewValues(string column) => _fresh.GetValueOrDefault(column) ?? [];

    /// <summary>Ends a round: what was added becomes the new values the next round follows.</summary>
    public void StartRound()
    {
        _fresh = _added;
        _added = new(StringComparer.Ordinal);
    }

    /// <summary>Adds the reader's current row unless a row with its key was found before.</summary>
    public void Add(DbDataReader reader)
    {
        var values = new object?[Columns.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        var key = new RowKey([.. _keyAt.Select(k => values[k])]);
        if (!_rows.TryAdd(key, values))
        {
            return;
        }

        _order.Add(key);
        foreach (var (column, at, seen) in _links)
        {
            if (values[at] is { } value && seen.Add(value))
            {
                (_added.TryGetValue(column, out var list) ? list : _added[column] = []).Add(value);
            }
        }
    }

    public LocatedTable ToLocated(string systemId) => new(
        systemId,
        _table.Table,
        Columns,
        [.. _order.Select(k => new LocatedRow(k, ImmutableCollectionsMarshal.AsImmutableArray(_rows[k])))]);
}
