namespace Pledge.Audit;

/// <summary>
/// A keyed pseudonym (HMAC-SHA256 under the store's pseudonym key): stable for the same input, meaningless without
/// the key. A distinct type so that a raw identifier cannot be passed where a pseudonym is expected.
/// </summary>
public readonly record struct Pseudonym(string Value)
{
    /// <inheritdoc/>
    public override string ToString() => Value;
}
