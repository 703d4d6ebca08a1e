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

    /// <summary>pledge consent decide: the activity may not process the subject's data.</summary>
    public const int Denied = 3;

    /// <summary>pledge audit verify: the audit log was edited, cut or reordered.</summary>
    public const int AuditBroken = 4;

    /// <summary>Bad command-line usage or an output path that cannot be written.</summary>
    public const int Usage = 64;

    /// <summary>Input refused (sysexits EX_DATAERR): an event that makes no sense for the policy, rejected import rows.</summary>
    public const int Rejected = 65;

    /// <summary>A database cannot be reached or fails (sysexits EX_UNAVAILABLE): one of the data map, or the own store.</summary>
    public const int Unavailable = 69;

    /// <summary>A bug in Pledge (sysexits EX_SOFTWARE); the message says what to report.</summary>
    public const int InternalError = 70;

    /// <summary>Configuration missing or wrong (sysexits EX_CONFIG): no pseudonym key, a bad store location, a store of a newer version.</summary>
    public const int Configuration = 78;
}
