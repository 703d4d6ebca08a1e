namespace Pledge.Redaction;

/// <summary>One detected value: where it is, in bytes of the UTF-8 input, and what it is.</summary>
/// <param name="Start">Offset of the first byte.</param>
/// <param name="Length">Length in bytes.</param>
/// <param name="Type">What was found.</param>
public readonly record struct PiiMatch(int Start, int Length, PiiType Type)
{
    /// <summary>Offset just past the last byte.</summary>
    public int End => Start + Length;
}
