using System.Runtime.CompilerServices;
using Pledge.Diagnostics;

namespace Pledge.Policy.Loading;

/// <summary>
/// Where each value of a loaded policy was written, so checks that run on the model can point at the exact
/// line of a key or list item. Keyed by model object identity.
/// </summary>
public sealed class SourceMap
{
    private readonly ConditionalWeakTable<object, Dictionary<string, SourceLocation>> _locations = new();

    internal void Attach(object owner, Dictionary<string, SourceLocation> locations)
    {
        if (locations.Count > 0)
        {
            _locations.AddOrUpdate(owner, locations);
        }
    }

    internal void Copy(object from, object to)
    {
        if (_locations.TryGetValue(from, out var map))
        {
            _locations.AddOrUpdate(to, map);
        }
    }

    /// <summary>Where <paramref name="key"/> of <paramref name="owner"/> was written (item <paramref name="index"/> of a list), or <paramref name="fallback"/>.</summary>
    public SourceLocation Locate(object owner, string key, SourceLocation fallback, int index = -1)
    {
        if (_locations.TryGetValue(owner, out var map))
        {
            if (index >= 0 && map.TryGetValue($"{key}[{index}]", out var item))
            {
                return item;
            }

            if (map.TryGetValue(key, out var at))
            {
                return at;
            }
        }

        return fallback;
    }
}
