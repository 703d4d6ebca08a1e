using Pledge.Redaction;

namespace Pledge.Cli.Commands;

/// <summary>The arguments of <c>pledge redact</c>, checked once: every path, name and value, before anything is read or written.</summary>
internal sealed class RedactRequest
{
    private static readonly string OperatorNames = string.Join('|', Enum.GetNames<RedactionOperator>().Select(n => n.ToLowerInvariant()));
    private static readonly string DetectorNames = string.Join(',', PiiTypes.All.Where(t => t != PiiType.Name).Select(t => PiiTypes.Tag(t).ToLowerInvariant()));

    private RedactRequest()
    {
    }

    public string? Error { get; private init; }

    public IReadOnlyList<string> Files { get; private init; } = [];

    public string? OutputDirectory { get; private init; }

    public RedactionOptions? Options { get; private init; }

    public JsonLinesOptions? JsonLines { get; private init; }

    /// <summary>How many files are redacted at once (with <c>--out</c> only): <c>--jobs</c>, else one per core.</summary>
    public int Jobs { get; private init; } = 1;

    public string TargetFor(string file) => Path.Combine(OutputDirectory!, Path.GetFileName(file));

    public static RedactRequest Parse(string[] files, string? output, string? detect, string[] operators, string? known, bool jsonl, string? keys, int? jobs = null)
    {
        if (CheckFiles(files, output) is { } fileError)
        {
            return Failed(fileError);
        }

        if (jobs is { } n && (n < 1 || output is null))
        {
            return Failed(n < 1
                ? $"--jobs {n}: give how many files to redact at once, 1 or more"
                : "--jobs needs --out: files written to stdout are redacted one after the other, in order");
        }

        if (!TryDetectors(detect, out var detectors, out var error)
            || !TryOperators(operators, out var defaultOperator, out var perType, out error)
            || !TryKnownValues(known, out var knownValues, out error)
            || !TryJsonLines(jsonl, keys, out var jsonLines, out error))
        {
            return Failed(error);
        }

        PseudonymKey? key = null;
        var options = new RedactionOptions { Detectors = detectors, DefaultOperator = defaultOperator, Operators = perType, KnownValues = knownValues };
        if (PiiTypes.All.Any(t => options.OperatorFor(t) == RedactionOperator.Pseudonym) && !PseudonymKey.TryFromEnvironment(out key, out error))
        {
            return Failed(error);
        }

        if (output is not null)
        {
            Directory.CreateDirectory(output);
        }

        return new RedactRequest
        {
            Files = files,
            OutputDirectory = output,
            Options = new RedactionOptions { Detectors = detectors, DefaultOperator = defaultOperator, Operators = perType, KnownValues = knownValues, Key = key },
            JsonLines = jsonLines,
            Jobs = output is null ? 1 : Math.Clamp(jobs ?? Environment.ProcessorCount, 1, files.Length),
        };
    }

    private static RedactRequest Failed(string error) => new() { Error = error };

    private static string? CheckFiles(string[] files, string? output)
    {
        if (files.Count(f => f == "-") > 1)
        {
            return "stdin ('-') can be read only once";
        }

        foreach (var file in files.Where(f => f != "-"))
        {
            if (Directory.Exists(file))
            {
                return $"{file}: is a directory; name the files to redact";
            }

            if (!File.Exists(file))
            {
                return $"{file}: no such file";
            }
        }

        if (output is null)
        {
            return null;
        }

        if (File.Exists(output))
        {
            return $"--out {output}: is a file; give a directory";
        }

        if (files.Length == 0 || files.Contains("-"))
        {
            return "--out writes one file per input FILE; stdin goes to stdout, so leave --out away or name files";
        }

        var targets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var target = Path.GetFullPath(Path.Combine(output, Path.GetFileName(file)));
            if (target == Path.GetFullPath(file))
            {
                return $"{file}: --out {output} would overwrite the input; choose another directory";
            }

            if (!targets.Add(target))
            {
                return $"{file}: another input has the same name and would be written to the same {target}";
            }
        }

        return null;
    }

    private static bool TryDetectors(string? detect, out IReadOnlySet<PiiType> detectors, out string error)
    {
        error = "";
        var set = new HashSet<PiiType>();
        detectors = set;
        if (string.IsNullOrWhiteSpace(detect) || detect.Trim() == "all")
        {
            set.UnionWith(PiiTypes.All);
            return true;
        }

        foreach (var name in detect.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!PiiTypes.TryParse(name, out var type))
            {
                error = $"--detect: '{name}' is not a detector; use {DetectorNames} or all";
                return false;
            }

            set.Add(type);
        }

        return true;
    }

    private static bool TryOperators(string[] specs, out RedactionOperator defaultOperator, out IReadOnlyDictionary<PiiType, RedactionOperator> perType, out string error)
    {
        error = "";
        defaultOperator = RedactionOperator.Tag;
        var map = new Dictionary<PiiType, RedactionOperator>();
        perType = map;
        foreach (var spec in specs.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var eq = spec.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? spec : spec[(eq + 1)..];
            if (!Enum.TryParse<RedactionOperator>(name, ignoreCase: true, out var op) || !Enum.IsDefined(op) || char.IsDigit(name[0]))
            {
                error = $"--operator: '{name}' is not an operator; use {OperatorNames}, or TYPE=OPERATOR such as email=pseudonym";
                return false;
            }

            if (eq < 0)
            {
                defaultOperator = op;
            }
            else if (PiiTypes.TryParse(spec[..eq], out var type))
            {
                map[type] = op;
            }
            else
            {
                error = $"--operator: '{spec[..eq]}' is not a type; use {DetectorNames},name";
                return false;
            }
        }

        return true;
    }

    private static bool TryKnownValues(string? path, out IReadOnlyList<KnownValue> values, out string error)
    {
        error = "";
        values = [];
        if (path is null)
        {
            return true;
        }

        if (!File.Exists(path))
        {
            error = $"--known-values {path}: no such file";
            return false;
        }

        try
        {
            var list = KnownValueList.Parse(File.ReadLines(path));
            if (list.Errors.Count > 0)
            {
                error = $"{path}: {list.Errors[0]}{(list.Errors.Count > 1 ? $" (and {list.Errors.Count - 1} more)" : "")}";
                return false;
            }

            values = list.Values;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"--known-values {path}: {e.Message}";
            return false;
        }
    }

    private static bool TryJsonLines(bool jsonl, string? keys, out JsonLinesOptions? options, out string error)
    {
        error = "";
        options = null;
        if (!jsonl)
        {
            if (keys is not null)
            {
                error = "--keys applies to JSON lines; add --jsonl";
                return false;
            }

            return true;
        }

        if (keys is null)
        {
            options = new JsonLinesOptions();
            return true;
        }

        var scan = new HashSet<string>(StringComparer.Ordinal);
        var whole = new Dictionary<string, PiiType>(StringComparer.Ordinal);
        foreach (var spec in keys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = spec.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                scan.Add(spec);
            }
            else if (PiiTypes.TryParse(spec[(eq + 1)..], out var type) && eq > 0)
            {
                whole[spec[..eq]] = type;
            }
            else
            {
                error = $"--keys: '{spec}' should be KEY or KEY=TYPE with TYPE one of {DetectorNames},name";
                return false;
            }
        }

        options = new JsonLinesOptions { Keys = scan, WholeValueKeys = whole };
        return true;
    }
}
