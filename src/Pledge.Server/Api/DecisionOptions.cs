using System.ComponentModel.DataAnnotations;
using Pledge.Consent;

namespace Pledge.Server.Api;

/// <summary>
/// The <c>Pledge:Decisions</c> section: the in-memory cache of subjects' states the decision API answers from. Each
/// instance drops a subject's state the moment its own writes change it and reads the store's change feed for other
/// instances' writes, so a change made elsewhere is honoured within <see cref="PollMilliseconds"/>.
/// </summary>
public sealed class DecisionOptions
{
    /// <summary>Identifiers kept in memory (default 100,000; 0 turns the cache off and every decision reads the store).</summary>
    [Range(0, 10_000_000, ErrorMessage = "Pledge:Decisions:CacheCapacity must be between 0 and 10000000")]
    public int CacheCapacity { get; set; } = 100_000;

    /// <summary>How often the change feed is read, in milliseconds (default 200).</summary>
    [Range(10, 60_000, ErrorMessage = "Pledge:Decisions:PollMilliseconds must be between 10 and 60000")]
    public int PollMilliseconds { get; set; } = 200;

    /// <summary>With the feed unread for this long, in milliseconds (default 2000), decisions read the store.</summary>
    [Range(100, 600_000, ErrorMessage = "Pledge:Decisions:MaxStalenessMilliseconds must be between 100 and 600000")]
    public int MaxStalenessMilliseconds { get; set; } = 2000;

    internal IEnumerable<ValidationResult> Validate()
    {
        var errors = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), errors, validateAllProperties: true);
        if (MaxStalenessMilliseconds < 2 * PollMilliseconds)
        {
            errors.Add(new ValidationResult("Pledge:Decisions:MaxStalenessMilliseconds must be at least twice PollMilliseconds", [nameof(MaxStalenessMilliseconds)]));
        }

        return errors;
    }

    internal SubjectStateCacheOptions ToCacheOptions() => new()
    {
        Capacity = CacheCapacity,
        PollInterval = TimeSpan.FromMilliseconds(PollMilliseconds),
        MaxStaleness = TimeSpan.FromMilliseconds(MaxStalenessMilliseconds),
    };
}
