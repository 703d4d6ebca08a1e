using Microsoft.Extensions.Logging;

namespace Pledge.Storage;

/// <summary>Log messages of the own store; event ids 3000-3099 are stable.</summary>
internal static partial class StoreLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Applied migration {Version} ({Name}) to the {Kind} store")]
    public static partial void MigrationApplied(ILogger logger, int version, string name, StoreKind kind);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Write conflicted on the {Kind} store ({Code}); retrying, attempt {Attempt}")]
    public static partial void WriteRetried(ILogger logger, StoreKind kind, string code, int attempt);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "Group commit of {Count} items failed; every caller in the batch gets the error")]
    public static partial void GroupCommitFailed(ILogger logger, int count, Exception exception);
}
