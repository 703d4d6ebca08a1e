using System.ComponentModel.DataAnnotations;

namespace Pledge.Server.Jobs;

/// <summary>
/// The <c>Pledge:Jobs</c> section: the server's background work. Retention runs on the policy's
/// <c>retention_schedule</c>; deadline reminders and the e-mail outbox on the intervals here. Every instance of the
/// server may run it against one store: each due run and each message is claimed in the store first.
/// </summary>
public sealed class JobsOptions
{
    /// <summary>Runs the background work in this instance (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the schedule is looked at, in seconds (default 30).</summary>
    public int PollSeconds { get; set; } = 30;

    /// <summary>How often the outbox is looked at, in seconds (default 5).</summary>
    public int OutboxPollSeconds { get; set; } = 5;

    /// <summary>Who gets deadline reminders; unset means the DPO's e-mail in the policy, else the controller's.</summary>
    public string? ReminderTo { get; set; }

    /// <summary>A request is "due soon" this many days before its due date (default 7).</summary>
    public int DueSoonDays { get; set; } = 7;

    /// <summary>How often deadlines are checked, in minutes (default 60).</summary>
    public int ReminderIntervalMinutes { get; set; } = 60;

    /// <summary>How long an instance may run retention before another may take over, in minutes (default 60; rules keep their own leases).</summary>
    public int RetentionLeaseMinutes { get; set; } = 60;

    /// <summary>Attempts to send a message before it is marked failed (default 8).</summary>
    public int MailMaxAttempts { get; set; } = 8;

    /// <summary>The wait after a message's first failed attempt, in seconds (default 30); it doubles after each further one.</summary>
    public int MailFirstRetrySeconds { get; set; } = 30;

    /// <summary>The longest wait between two attempts, in seconds (default 3600).</summary>
    public int MailMaxRetrySeconds { get; set; } = 3600;

    internal IEnumerable<ValidationResult> Validate()
    {
        static ValidationResult? Range(int value, int min, int max, string name) =>
            value < min || value > max ? new ValidationResult($"Pledge:Jobs:{name} must be between {min} and {max}", [name]) : null;

        ValidationResult?[] checks =
        [
            Range(PollSeconds, 1, 86_400, nameof(PollSeconds)),
            Range(OutboxPollSeconds, 1, 3_600, nameof(OutboxPollSeconds)),
            Range(DueSoonDays, 1, 365, nameof(DueSoonDays)),
            Range(ReminderIntervalMinutes, 1, 10_080, nameof(ReminderIntervalMinutes)),
            Range(RetentionLeaseMinutes, 1, 10_080, nameof(RetentionLeaseMinutes)),
            Range(MailMaxAttempts, 1, 100, nameof(MailMaxAttempts)),
            Range(MailFirstRetrySeconds, 1, 86_400, nameof(MailFirstRetrySeconds)),
            Range(MailMaxRetrySeconds, 1, 604_800, nameof(MailMaxRetrySeconds)),
            ReminderTo is not null && !Requests.FieldValidation.IsEmail(ReminderTo)
                ? new ValidationResult($"Pledge:Jobs:ReminderTo: '{ReminderTo}' is not an e-mail address", [nameof(ReminderTo)])
                : null,
            MailMaxRetrySeconds < MailFirstRetrySeconds
                ? new ValidationResult("Pledge:Jobs:MailMaxRetrySeconds must not be less than Pledge:Jobs:MailFirstRetrySeconds", [nameof(MailMaxRetrySeconds)])
                : null,
        ];
        return checks.OfType<ValidationResult>();
    }
}
