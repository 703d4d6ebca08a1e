using Pledge.Jobs;
using Pledge.Policy.Loading;
using Pledge.Tests.Support;

namespace Pledge.Tests.Server.Jobs;

/// <summary>The policy's <c>retention_schedule</c>: read, checked with the line named, and turned into due slots.</summary>
public sealed class RetentionScheduleTests
{
    [Fact]
    public void Load_Example_RunsDailyAt0317Utc()
    {
        var schedule = PolicyLoader.Load(Repo.ExamplePolicy).Policy!.RetentionSchedule!.Value;

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 3, 17, 0, TimeSpan.Zero), schedule.NextAfter(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 3, 17, 0, TimeSpan.Zero), schedule.NextAfter(new DateTimeOffset(2026, 11, 23, 3, 17, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("{ every: 1 month }", "months and years have no fixed length")]
    [InlineData("{ every: 400 days }", "'every' must be between 1 hour and 366 days")]
    [InlineData("{ every: 0 days }", "'every' must be between 1 hour and 366 days")]
    [InlineData("{ every: 1 day, at: \"25:00\" }", "'at': '25:00' is not a time of day; write HH:MM in UTC")]
    [InlineData("{ at: \"03:00\" }", "every")]
    [InlineData("{ every: 1 day, cron: \"0 3 * * *\" }", "cron")]
    public void Check_BadSchedule_IsAnErrorOnItsLine(string value, string message)
    {
        using var copy = PolicyCopy.OfExample();
        var file = Path.Combine(copy.Dir, "retention.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("retention_schedule: { every: 1 day, at: \"03:17\" }", "retention_schedule: " + value, StringComparison.Ordinal));

        var (code, stdout, stderr) = PledgeProcess.Run("check", copy.Root);

        Assert.NotEqual(0, code);
        var line = (stdout + stderr).Split('\n').Single(l => l.Contains("retention.yaml:4:", StringComparison.Ordinal) && l.Contains(message, StringComparison.Ordinal));
        Assert.Contains("error", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_NoSchedule_IsValidAndRunsOnlyByHand()
    {
        using var copy = PolicyCopy.OfExample();
        var file = Path.Combine(copy.Dir, "retention.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("retention_schedule: { every: 1 day, at: \"03:17\" }", "", StringComparison.Ordinal));

        var loaded = PolicyLoader.Load(copy.Root);

        Assert.False(loaded.HasErrors);
        Assert.Null(loaded.Policy!.RetentionSchedule);
    }

    [Fact]
    public void NextAfter_SixHoursAt0030_IsTheSameSlotWhateverTheStart()
    {
        var schedule = new JobSchedule(TimeSpan.FromHours(6), TimeSpan.FromMinutes(30));

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 12, 30, 0, TimeSpan.Zero), schedule.NextAfter(new DateTimeOffset(2026, 1, 1, 6, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 30, 0, TimeSpan.Zero), schedule.NextAfter(new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.FromHours(-1))));
    }
}
