using System.Text.Json;
using Deque.AxeCore.Commons;

namespace Pledge.Tests.Server.Centre;

/// <summary>
/// axe-core, as Deque.AxeCore.Commons bundles it, run in the page through the DevTools protocol: <c>Runtime.evaluate</c>
/// is not subject to the page's content security policy, so the centre's strict CSP stays as it is in production.
/// Only the WCAG 2.0 and 2.1 A and AA rules run; best practices and WCAG 2.2 are not what the centre promises.
/// </summary>
internal static class Axe
{
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly Lazy<string> Script = new(() => new BundledAxeScriptProvider().GetScript());

    /// <summary>
    /// Runs axe on the page, or on the elements <paramref name="include"/> selects; returns what failed and the ids of
    /// the rules that passed, so a caller can tell that its elements were checked at all.
    /// </summary>
    public static async Task<AxeReport> RunAsync(Chromium browser, string? include = null)
    {
        if (!(await browser.EvaluateAsync("typeof window.axe === 'object'")).GetBoolean())
        {
            await browser.EvaluateAsync(Script.Value);
        }

        var context = include is null ? "document" : "{ include: [" + JsonSerializer.Serialize(include) + "] }";
        var result = await browser.EvaluateAsync(
            $"axe.run({context}, {{ runOnly: {{ type: 'tag', values: {JsonSerializer.Serialize(Tags)} }}, resultTypes: ['violations'] }})"
            + ".then(r => ({ url: r.url, passes: r.passes.map(p => p.id), violations: r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,"
            + " targets: v.nodes.map(n => n.target.join(' ') + (n.failureSummary ? ' — ' + n.failureSummary.replace(/\\s+/g, ' ') : '')) })) }))");
        return new AxeReport(
            result.GetProperty("url").GetString()!,
            [.. result.GetProperty("passes").EnumerateArray().Select(p => p.GetString()!)],
            [.. result.GetProperty("violations").EnumerateArray().Select(v => new AxeViolation(
                v.GetProperty("id").GetString()!, v.GetProperty("impact").GetString() ?? "", v.GetProperty("help").GetString()!,
                [.. v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()!)]))]);
    }
}

internal sealed record AxeViolation(string Id, string Impact, string Help, IReadOnlyList<string> Targets)
{
    public override string ToString() => $"{Id} ({Impact}): {Help}\n      " + string.Join("\n      ", Targets);
}

internal sealed record AxeReport(string Url, IReadOnlyList<string> Passes, IReadOnlyList<AxeViolation> Violations)
{
    public override string ToString() => Violations.Count == 0 ? Url + ": no violations" : Url + ":\n    " + string.Join("\n    ", Violations);
}
