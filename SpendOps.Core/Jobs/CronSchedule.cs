using System.Globalization;

namespace SpendOps.Core.Jobs;

/// <summary>
/// Turns a job's interval option into the cron expression Hangfire schedules recurring jobs by. Hangfire 1.8 reads
/// six-part expressions as having a seconds field (<c>RecurringJobEntity.ParseCronExpression</c>), which is what lets
/// pricing run every few seconds. Cron fires at wall-clock boundaries, so only intervals that divide the next larger
/// unit keep their meaning (every 5 s, 15 min, 6 h); other values are refused on start rather than silently rounded.
/// </summary>
internal static class CronSchedule
{
    private const int SecondsPerMinute = 60, SecondsPerHour = 3600, SecondsPerDay = 86_400, SecondsPerWeek = 604_800;

    /// <summary>The cron expression for <paramref name="interval"/>, or null when cron cannot express it.</summary>
    public static string? FromInterval(TimeSpan interval)
    {
        if (interval.Ticks % TimeSpan.TicksPerSecond != 0 || interval <= TimeSpan.Zero)
            return null;
        var seconds = (long)interval.TotalSeconds;
        return seconds switch
        {
            1 => "* * * * * *",
            < SecondsPerMinute when SecondsPerMinute % seconds == 0 => Invariant($"*/{seconds} * * * * *"),
            SecondsPerMinute => "* * * * *",
            < SecondsPerHour when seconds % SecondsPerMinute == 0 && SecondsPerHour % seconds == 0 => Invariant($"*/{seconds / SecondsPerMinute} * * * *"),
            SecondsPerHour => "0 * * * *",
            < SecondsPerDay when seconds % SecondsPerHour == 0 && SecondsPerDay % seconds == 0 => Invariant($"0 */{seconds / SecondsPerHour} * * *"),
            SecondsPerDay => "0 0 * * *",
            SecondsPerWeek => "0 0 * * 0",
            _ => null,
        };
    }

    public const string Rule = "a number of seconds dividing a minute (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30), whole minutes dividing an hour, whole hours dividing a day, a day or a week";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
