namespace Pledge.Diff;

/// <summary>
/// Compares two versions of a policy and says what changed and whether each change is material (subjects must be
/// notified) or editorial. Thread safe; never throws for valid policies.
/// </summary>
public static class PolicyDiff
{
    /// <summary>Every difference from <paramref name="old"/> to <paramref name="new"/>, classified.</summary>
    /// <param name="old">The version subjects were told about.</param>
    /// <param name="new">The version about to be published.</param>
    public static PolicyDiffResult Compare(Policy.Model.Policy old, Policy.Model.Policy @new)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        return new PolicyComparer(old, @new).Run();
    }
}
