namespace Pledge.Redaction;

/// <summary>Which string values of a JSON-lines input are redacted.</summary>
public sealed class JsonLinesOptions
{
    /// <summary>
    /// Keys whose string values are scanned by the detectors, at any depth (a string in an array counts as its
    /// key's value). Null, the default, scans every string value. Property names are never changed.
    /// </summary>
    public IReadOnlySet<string>? Keys { get; init; }

    /// <summary>
    /// Keys whose whole string value is personal data of the given type, replaced without detection:
    /// <c>{"user": "anna"}</c> with <c>user → Username</c> becomes <c>{"user": "&lt;USERNAME&gt;"}</c>.
    /// </summary>
    public IReadOnlyDictionary<string, PiiType> WholeValueKeys { get; init; } = new Dictionary<string, PiiType>();

    /// <summary>
    /// Longest line parsed as JSON, in bytes; a longer line is redacted as plain text, so memory stays bounded.
    /// Default 1 MiB.
    /// </summary>
    public int MaxLineBytes { get; init; } = 1 << 20;
}
