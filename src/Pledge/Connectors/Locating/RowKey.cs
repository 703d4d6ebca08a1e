using System.Globalization;

namespace Pledge.Connectors.Locating;

/// <summary>A row's primary key values, compared value by value.</summary>
public readonly struct RowKey : IEquatable<RowKey>
{
    private readonly object?[] _values;

    /// <summary>Creates a key from the primary key values, in the data map's key order.</summary>
    public RowKey(params object?[] values) => _values = values;

    /// <summary>The key values.</summary>
    public IReadOnlyList<object?> Values => _values ?? [];

    /// <inheritdoc />
    public bool Equals(RowKey other)
    {
        var a = _values ?? [];
        var b = other._values ?? [];
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (!Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RowKey other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in _values ?? [])
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    /// <summary>Equal keys.</summary>
    public static bool operator ==(RowKey left, RowKey right) => left.Equals(right);

    /// <summary>Different keys.</summary>
    public static bool operator !=(RowKey left, RowKey right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => string.Join(",", Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "null"));
}
