namespace Pledge.Diagnostics;

/// <summary>A position in a policy source file: 1-based line and column.</summary>
/// <param name="File">The path as the user named it (relative paths stay relative).</param>
/// <param name="Line">1-based line; 0 when the problem concerns the file as a whole.</param>
/// <param name="Column">1-based column; 0 when the problem concerns the file as a whole.</param>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    /// <summary>A location that names only a file.</summary>
    public static SourceLocation OfFile(string file) => new(file, 0, 0);

    /// <summary>Formats as <c>file:line:col</c>, the form compilers and editors understand.</summary>
    public override string ToString() => Line == 0 ? File : $"{File}:{Line}:{Column}";
}
