using System.Collections.Immutable;
using System.Reflection;
using Pledge.Diagnostics;
using Pledge.Policy.Checks;
using Pledge.Policy.Model;

namespace Pledge.Policy.Loading;

/// <summary>
/// Loads a policy from its root file and the files it includes, merges in Pledge's default taxonomy, binds
/// the model and runs every check. Thread safe; never throws for bad input.
/// </summary>
public static class PolicyLoader
{
    /// <summary>Most files one policy may span through <c>include:</c>.</summary>
    public const int MaxFiles = 1_000;

    private static readonly Lazy<PolicyDraft> Defaults = new(LoadDefaults);

    /// <summary>Loads and checks the policy at <paramref name="path"/>.</summary>
    public static PolicyLoadResult Load(string path)
    {
        var diagnostics = new List<Diagnostic>();
        var sourceMap = new SourceMap();
        var draft = new PolicyDraft();
        var files = new List<string>();
        var root = Path.GetFullPath(path);
        var rootDir = Path.GetDirectoryName(root)!;
        var queue = new Queue<(string Full, string Display, bool IsRoot)>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { root };
        queue.Enqueue((root, path, true));
        var binder = new PolicyBinder(draft, sourceMap, diagnostics);

        while (queue.Count > 0)
        {
            var (full, display, isRoot) = queue.Dequeue();
            files.Add(display);
            var tree = YamlReader.ReadFile(full, display, diagnostics);
            if (tree is null)
            {
                continue;
            }

            if (tree is not YMapping)
            {
                diagnostics.Add(Rules.WrongShape.At(tree.At, $"a policy file is a mapping of sections (notice, organisation, activities, ...), not {tree.Kind}"));
                continue;
            }

            foreach (var (pattern, at) in binder.BindFile(tree, isRoot))
            {
                foreach (var (includeFull, includeDisplay) in ExpandInclude(pattern, at, full, display, rootDir, diagnostics))
                {
                    if (!seen.Add(includeFull))
                    {
                        diagnostics.Add(Rules.IncludeProblem.At(at, $"'{includeDisplay}' is included more than once (an include cycle?)"));
                        continue;
                    }

                    if (seen.Count > MaxFiles)
                    {
                        diagnostics.Add(Rules.IncludeProblem.At(at, $"a policy may span at most {MaxFiles} files"));
                        break;
                    }

                    queue.Enqueue((includeFull, includeDisplay, false));
                }
            }
        }

        var policy = Assemble(path, draft, binder, sourceMap, diagnostics);
        if (policy is not null)
        {
            PolicyChecker.Run(policy, sourceMap, diagnostics);
        }

        var sorted = diagnostics
            .OrderBy(d => files.IndexOf(d.Location.File) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ThenBy(d => d.Code, StringComparer.Ordinal)
            .Distinct()
            .ToImmutableArray();
        var hasErrors = sorted.Any(d => d.Severity == DiagnosticSeverity.Error);
        return new PolicyLoadResult(hasErrors ? null : policy, sorted, [.. files]);
    }

    private static IEnumerable<(string Full, string Display)> ExpandInclude(string pattern, SourceLocation at, string includingFull, string includingDisplay,
        string rootDir, List<Diagnostic> diagnostics)
    {
        if (Path.IsPathRooted(pattern))
        {
            diagnostics.Add(Rules.IncludeProblem.At(at, $"include '{pattern}' must be a path relative to the including file"));
            return [];
        }

        var dir = Path.GetDirectoryName(includingFull)!;
        var displayDir = Path.GetDirectoryName(includingDisplay) ?? "";
        var relativeDir = Path.GetDirectoryName(pattern) ?? "";
        var filePattern = Path.GetFileName(pattern);
        var searchDir = Path.GetFullPath(Path.Combine(dir, relativeDir));
        if (!IsInside(searchDir, rootDir))
        {
            diagnostics.Add(Rules.IncludeProblem.At(at, $"include '{pattern}' points outside the policy's folder"));
            return [];
        }

        if (relativeDir.Contains('*', StringComparison.Ordinal) || relativeDir.Contains('?', StringComparison.Ordinal))
        {
            diagnostics.Add(Rules.IncludeProblem.At(at, $"include '{pattern}': wildcards are allowed in the file name only"));
            return [];
        }

        if (!filePattern.Contains('*', StringComparison.Ordinal) && !filePattern.Contains('?', StringComparison.Ordinal))
        {
            var full = Path.Combine(searchDir, filePattern);
            if (!File.Exists(full))
            {
                diagnostics.Add(Rules.IncludeProblem.At(at, $"included file '{pattern}' does not exist"));
                return [];
            }

            return [(full, Path.Combine(displayDir, pattern))];
        }

        if (!Directory.Exists(searchDir))
        {
            diagnostics.Add(Rules.IncludeProblem.At(at, $"include '{pattern}': folder '{relativeDir}' does not exist"));
            return [];
        }

        var matches = Directory.GetFiles(searchDir, filePattern).Order(StringComparer.Ordinal)
            .Select(f => (f, Path.Combine(displayDir, relativeDir, Path.GetFileName(f)))).ToList();
        if (matches.Count == 0)
        {
            diagnostics.Add(Rules.IncludeProblem.At(at, DiagnosticSeverity.Warning, $"include '{pattern}' matches no file"));
        }

        return matches;
    }

    private static bool IsInside(string path, string dir)
    {
        var d = dir.EndsWith(Path.DirectorySeparatorChar) ? dir : dir + Path.DirectorySeparatorChar;
        return path == dir || path.StartsWith(d, StringComparison.Ordinal);
    }

    private static Model.Policy? Assemble(string path, PolicyDraft draft, PolicyBinder binder, SourceMap sourceMap, List<Diagnostic> diagnostics)
    {
        var defaults = Defaults.Value;
        var start = SourceLocation.OfFile(path);
        var unreadable = diagnostics.Any(d => d.Location.File == path && (d.Rule == Rules.Unreadable || d.Rule == Rules.TooLarge
            || d.Rule == Rules.YamlSyntax || d.Rule == Rules.YamlLimits || d.Rule == Rules.WrongShape && d.Location.Line <= 1));
        if (draft.Notice is null && !unreadable)
        {
            diagnostics.Add(Rules.MissingKey.At(start, "the policy has no 'notice' section (version, effective date, languages)"));
        }

        if (draft.Organisation is null && !unreadable)
        {
            diagnostics.Add(Rules.MissingKey.At(start, "the policy has no 'organisation' section: who the controller is (Art. 13(1)(a))"));
        }

        if (draft.Notice is null || draft.Organisation is null)
        {
            return null;
        }

        var cookieCategories = defaults.CookieCategories.Concat(draft.CookieCategories).ToImmutableArray();
        var essential = cookieCategories.Where(c => c.Essential).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var cookies = draft.Cookies.Select(c =>
        {
            if (!binder.UnstatedConsent.Contains(c))
            {
                return c;
            }

            var derived = c with { Consent = !essential.Contains(c.Category) };
            sourceMap.Copy(c, derived);
            return derived;
        }).ToImmutableArray();

        var taxonomy = new Taxonomy(
            [.. defaults.Categories, .. draft.Categories],
            [.. defaults.Purposes, .. draft.Purposes],
            [.. defaults.Subjects, .. draft.Subjects],
            [.. defaults.Identifiers, .. draft.Identifiers],
            cookieCategories);
        var rights = draft.Rights ?? new RightsSettings(new PolicyDuration(0, 1, 0), new PolicyDuration(0, 2, 0), [VerificationMethod.EmailCode], [],
            LocalizedText.Of("Free of charge. A reasonable fee may be charged, or a request refused, where it is manifestly unfounded or excessive."),
            [.. Enum.GetValues<SubjectRight>()], []);
        return new Model.Policy(path, draft.Notice, draft.Organisation, taxonomy, [.. draft.Systems], [.. draft.Activities], [.. draft.Retention],
            [.. draft.Holds], [.. draft.Events], new CookiePolicy(draft.CookieMaxLifetime ?? new PolicyDuration(2, 0, 0), cookies),
            [.. draft.Processors], rights, [.. draft.Security]) { RetentionSchedule = draft.RetentionSchedule };
    }

    /// <summary>Keys the defaults define, so a policy that redefines one is told (PL010).</summary>
    internal static PolicyDraft DefaultTaxonomy => Defaults.Value;

    private static PolicyDraft LoadDefaults()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Pledge.Policy.Defaults.taxonomy.yaml")
            ?? throw new InvalidOperationException("taxonomy.yaml is not embedded in the Pledge assembly");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var diagnostics = new List<Diagnostic>();
        var draft = new PolicyDraft();
        var tree = YamlReader.Read(buffer.ToArray(), "taxonomy.yaml", diagnostics);
        if (tree is not null)
        {
            new PolicyBinder(draft, new SourceMap(), diagnostics).BindFile(tree, isRoot: false);
        }

        return diagnostics.Count == 0 ? draft : throw new InvalidOperationException("The shipped taxonomy is invalid: " + string.Join("; ", diagnostics));
    }
}
