using Pledge.Diagnostics;

namespace Pledge.Policy.Loading;

/// <summary>A YAML node with its position. Pledge builds its own small tree so it can bound size and depth.</summary>
internal abstract class YNode(SourceLocation at)
{
    public SourceLocation At { get; } = at;

    /// <summary>Number of nodes in this subtree with aliases expanded: what a naive walk would visit.</summary>
    public long Weight { get; set; } = 1;

    public abstract string Kind { get; }
}

internal sealed class YScalar(SourceLocation at, string value, bool isPlain) : YNode(at)
{
    public string Value { get; } = value;

    /// <summary>Unquoted: <c>null</c>, <c>~</c> and empty mean null only when plain.</summary>
    public bool IsPlain { get; } = isPlain;

    public bool IsNull => IsPlain && (Value.Length == 0 || Value == "~" || Value == "null" || Value == "Null" || Value == "NULL");

    public override string Kind => "a scalar";
}

internal sealed class YMapping(SourceLocation at) : YNode(at)
{
    public List<KeyValuePair<YScalar, YNode>> Entries { get; } = [];

    public override string Kind => "a mapping";

    public YNode? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key.Value == key)
            {
                return entry.Value;
            }
        }

        return null;
    }
}

internal sealed class YSequence(SourceLocation at) : YNode(at)
{
    public List<YNode> Items { get; } = [];

    public override string Kind => "a list";
}
