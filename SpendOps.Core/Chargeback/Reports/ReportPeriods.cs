using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback.Reports;

/// <summary>The periods of a schedule that have ended and are due: local months, or local weeks from Monday.</summary>
internal static class ReportPeriods
{
    /// <summary>The most periods produced for one schedule in one check, so a long outage does not start an avalanche.</summary>
    public const int MaxCatchUp = 12;

    /// <summary>
    /// Every period that has ended by <paramref name="now"/>, starting with the one the schedule was created in, oldest
    /// first, leaving out periods that ended before <paramref name="notBefore"/> (their runs are no longer kept).
    /// </summary>
    public static IEnumerable<ChargebackPeriod> Due(ReportSchedule schedule, TenantCalendar calendar, DateTimeOffset now, DateTimeOffset notBefore)
    {
        var today = calendar.DateOf(now);
        var periods = new List<ChargebackPeriod>();
        for (var first = Start(schedule.Frequency, calendar.DateOf(schedule.CreatedAt)); ; first = Next(schedule.Frequency, first))
        {
            var end = Next(schedule.Frequency, first);
            if (end > today)
                break;
            var period = ChargebackPeriod.Days(calendar, first, end);
            if (period.To >= notBefore)
                periods.Add(period);
        }
        return periods.TakeLast(MaxCatchUp);
    }

    private static DateOnly Start(ReportFrequency frequency, DateOnly day) => frequency == ReportFrequency.Monthly
        ? new DateOnly(day.Year, day.Month, 1)
        : day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static DateOnly Next(ReportFrequency frequency, DateOnly first) =>
        frequency == ReportFrequency.Monthly ? first.AddMonths(1) : first.AddDays(7);
}
