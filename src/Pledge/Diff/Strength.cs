using Pledge.Policy.Model;

namespace Pledge.Diff;

/// <summary>
/// How protective a setting is, as a number to compare: a lower value in the new policy is a weakening.
/// </summary>
internal static class Strength
{
    /// <summary>Adequacy, then the Art. 46/47 safeguards (equal to one another), then an Art. 49 derogation, then nothing.</summary>
    public static int Of(TransferSafeguard? safeguard) => safeguard switch
    {
        TransferSafeguard.Adequacy => 3,
        TransferSafeguard.Derogation => 1,
        null => 0,
        _ => 2,
    };

    /// <summary>Opt-in, then opt-out, then no consent.</summary>
    public static int Of(ConsentMode mode) => mode switch
    {
        ConsentMode.OptIn => 2,
        ConsentMode.OptOut => 1,
        _ => 0,
    };

    /// <summary>Absolute, then balancing, then no right to object.</summary>
    public static int Of(ObjectionRule rule) => rule switch
    {
        ObjectionRule.Absolute => 2,
        ObjectionRule.Balancing => 1,
        _ => 0,
    };

    /// <summary>Delete, then anonymise, then minimise (clears named fields only).</summary>
    public static int Of(RetentionAction action) => action switch
    {
        RetentionAction.Delete => 2,
        RetentionAction.Anonymise => 1,
        _ => 0,
    };

    /// <summary>A processor acts on instructions; a joint controller decides with us; an independent controller decides alone.</summary>
    public static int Reach(ProcessorRole role) => role switch
    {
        ProcessorRole.IndependentController => 2,
        ProcessorRole.JointController => 1,
        _ => 0,
    };
}
