namespace Pledge.Diagnostics;

/// <summary>A check Pledge performs on a policy: a stable code, a title and what it protects against.</summary>
/// <param name="Code">Stable code, <c>PL</c> and three digits; never reused for another meaning.</param>
/// <param name="Title">Short title, as listed in docs/diagnostics.md.</param>
/// <param name="DefaultSeverity">Severity the rule reports with unless it says otherwise for a case.</param>
/// <param name="Why">One sentence on why the rule exists.</param>
public sealed record DiagnosticRule(string Code, string Title, DiagnosticSeverity DefaultSeverity, string Why)
{
    /// <summary>Creates a diagnostic of this rule at its default severity.</summary>
    public Diagnostic At(SourceLocation location, string message) => new(this, DefaultSeverity, location, message);

    /// <summary>Creates a diagnostic of this rule with an explicit severity.</summary>
    public Diagnostic At(SourceLocation location, DiagnosticSeverity severity, string message) => new(this, severity, location, message);
}
