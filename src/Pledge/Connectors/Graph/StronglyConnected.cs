using Pledge.Policy.Model;

namespace Pledge.Connectors.Graph;

/// <summary>
/// Tarjan's strongly connected components of the reference graph (edges parent → child), returned parents
/// first. Tables of a component keep their data-map order. Linear in tables and references.
/// </summary>
internal sealed class StronglyConnected(List<TableMap> tables, List<PlanEdge> edges)
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _low = new(StringComparer.Ordinal);
    private readonly HashSet<string> _onStack = new(StringComparer.Ordinal);
    private readonly Stack<string> _stack = new();
    private readonly List<List<string>> _components = [];
    private readonly ILookup<string, string> _children = edges.ToLookup(e => e.ParentTable, e => e.ChildTable, StringComparer.Ordinal);

    public List<List<TableMap>> ComponentsInDependencyOrder()
    {
        foreach (var table in tables.Where(t => !_index.ContainsKey(t.Name)))
        {
            Visit(table.Name);
        }

        // Tarjan emits a component after every component reachable from it: reversed, parents come first.
        var order = tables.Select((t, i) => (t.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        return [.. Enumerable.Reverse(_components).Select(c => c.OrderBy(n => order[n]).Select(n => tables[order[n]]).ToList())];
    }

    private void Visit(string node)
    {
        _index[node] = _low[node] = _index.Count;
        _stack.Push(node);
        _onStack.Add(node);
        foreach (var child in _children[node])
        {
            if (!_index.ContainsKey(child))
            {
                Visit(child);
                _low[node] = Math.Min(_low[node], _low[child]);
            }
            else if (_onStack.Contains(child))
            {
                _low[node] = Math.Min(_low[node], _index[child]);
            }
        }

        if (_low[node] == _index[node])
        {
            var component = new List<string>();
            string member;
            do
            {
                member = _stack.Pop();
                _onStack.Remove(member);
                component.Add(member);
            }
            while (member != node);
            _components.Add(component);
        }
    }
}
