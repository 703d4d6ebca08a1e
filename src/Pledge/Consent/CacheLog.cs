using Microsoft.Extensions.Logging;

namespace Pledge.Consent;

/// <summary>Log messages of the subject-state cache; event ids 3100-3199 are stable.</summary>
internal static partial class CacheLog
{
    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "Cannot read the subject change feed ({Error}); decisions read the store until it can be read again")]
    public static partial void FeedFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "The subject change feed can be read again; the cache of subject states starts empty")]
    public static partial void FeedRecovered(ILogger logger);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Cannot prune the subject change feed ({Error}); trying again in a minute")]
    public static partial void PruneFailed(ILogger logger, string error);
}
