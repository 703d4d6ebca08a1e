using System.ComponentModel.DataAnnotations;

namespace Pledge.Server.Admin;

/// <summary>The <c>Pledge:Admin</c> section: how the admin console guards its sign-in and keeps exports.</summary>
public sealed class AdminOptions
{
    /// <summary>Sign-in attempts per minute one client address may make (all users together).</summary>
    [Range(1, 1_000_000)]
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>Wrong passwords in a row that lock an account.</summary>
    [Range(1, 1000)]
    public int LockoutFailures { get; set; } = 5;

    /// <summary>How long a locked account stays locked, in minutes.</summary>
    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long an access or portability export stays downloadable, in days.</summary>
    [Range(1, 365)]
    public int ExportDays { get; set; } = 30;

    /// <summary>How long a sign-in lasts without use, in minutes (sliding).</summary>
    [Range(5, 1440)]
    public int SessionMinutes { get; set; } = 60;
}
