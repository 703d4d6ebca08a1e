namespace Pledge.Cli;

/// <summary>Exit codes of the pledge command, stable for scripts and CI.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The policy has errors (pledge check, and any command that loads a policy).</summary>
    public const int PolicyErrors = 1;

    /// <summary>pledge diff: the changes are material; subjects must be notified.</summary>
    public const int MaterialChanges = 2;

    /// <summary>Bad command-line usage or an output path that cannot be written.</summary>
    public const int Usage = 64;

    /// <summary>A bug in Pledge (sysexits EX_SOFTWARE); the message says what to report.</summary>
    public const int InternalError = 70;
}
