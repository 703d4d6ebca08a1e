using System.Collections.Immutable;
using Pledge.Diagnostics;

namespace Pledge.Policy.Loading;

/// <summary>
/// The outcome of loading a policy: every diagnostic, in file and line order, and the policy itself when
/// there were no errors (warnings do not stop it).
/// </summary>
public sealed record PolicyLoadResult(Model.Policy? Policy, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<string> Files)
{
    /// <summary>Whether any diagnostic is an error; <see cref="Policy"/> is then null.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The number of errors.</summary>
    public int ErrorCount => Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The number of warnings.</summary>
    public int WarningCount => Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Warning);
}
