using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pledge.Storage;

/// <summary>How an <see cref="OwnStore"/> is opened.</summary>
public sealed class OwnStoreOptions
{
    /// <summary>The clock for audit times and every engine's "now". Default: the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Where the store logs (never personal data). Default: nowhere.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>Apply pending schema migrations on open. Default true; false fails when migrations are pending.</summary>
    public bool Migrate { get; init; } = true;
}
