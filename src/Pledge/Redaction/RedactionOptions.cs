namespace Pledge.Redaction;

/// <summary>
/// What a <see cref="Redactor"/> looks for and what it writes instead. Immutable once built; validate with
/// <see cref="Validate"/> at the edge (the <see cref="Redactor"/> constructor refuses invalid options).
/// </summary>
public sealed class RedactionOptions
{
    /// <summary>The detectors that run. Default: all of them. Known values are found whenever some are given, whatever this says.</summary>
    public IReadOnlySet<PiiType> Detectors { get; init; } = new HashSet<PiiType>(PiiTypes.All);

    /// <summary>The operator for types without one in <see cref="Operators"/>. Default: <see cref="RedactionOperator.Tag"/>.</summary>
    public RedactionOperator DefaultOperator { get; init; } = RedactionOperator.Tag;

    /// <summary>Operators per type, overriding <see cref="DefaultOperator"/>.</summary>
    public IReadOnlyDictionary<PiiType, RedactionOperator> Operators { get; init; } = new Dictionary<PiiType, RedactionOperator>();

    /// <summary>Values found as whole words, case-insensitively, typed as each says. Default: none.</summary>
    public IReadOnlyList<KnownValue> KnownValues { get; init; } = [];

    /// <summary>The key for <see cref="RedactionOperator.Pseudonym"/>; required when any type uses it.</summary>
    public PseudonymKey? Key { get; init; }

    /// <summary>The operator applied to values of <paramref name="type"/>.</summary>
    public RedactionOperator OperatorFor(PiiType type) => Operators.TryGetValue(type, out var op) ? op : DefaultOperator;

    /// <summary>Every problem with these options, one message each; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Key is null && PiiTypes.All.Any(t => OperatorFor(t) == RedactionOperator.Pseudonym))
        {
            errors.Add($"the pseudonym operator needs a key: set {PseudonymKey.KeyVariable} and {PseudonymKey.KeyIdVariable}");
        }

        foreach (var value in KnownValues)
        {
            if (!value.IsValid(out var error))
            {
                errors.Add($"known value '{value.Value}': {error}");
            }
        }

        return errors;
    }
}
