using System.Globalization;

namespace Pledge.Diagnostics;

/// <summary>How serious a diagnostic is. Errors make a policy unusable; warnings do not.</summary>
public enum DiagnosticSeverity
{
    Warning,
    Error,
}

/// <summary>One problem found in a policy, with a stable code (<c>PLnnn</c>) and where it is.</summary>
public sealed record Diagnostic(DiagnosticRule Rule, DiagnosticSeverity Severity, SourceLocation Location, string Message)
{
    /// <summary>The rule's stable code, such as <c>PL012</c>.</summary>
    public string Code => Rule.Code;

    /// <summary>Formats compiler style: <c>policy.yaml:42:7: error PL012: message</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Location}: {(Severity == DiagnosticSeverity.Error ? "error" : "warning")} {Code}: {Message}");
}
