using System.Globalization;
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

    /// <summary>
    /// The period a run on demand asks for: <c>YYYY-MM</c> for a monthly schedule, any day of the week as
    /// <c>YYYY-MM-DD</c> for a weekly one, or the last period that has ended when <paramref name="text"/> is empty.
    /// A period that has not ended yet is refused: its report would be incomplete.
    /// </summary>
    public static ChargebackPeriod Parse(ReportFrequency frequency, TenantCalendar calendar, string? text, DateTimeOffset now)
    {
        var today = calendar.DateOf(now);
        DateOnly first;
        if (string.IsNullOrWhiteSpace(text))
            first = frequency == ReportFrequency.Monthly ? Start(frequency, today).AddMonths(-1) : Start(frequency, today).AddDays(-7);
        else if (frequency == ReportFrequency.Monthly)
            first = DateOnly.TryParseExact(text.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
                ? month
                : throw new DomainException($"The period '{text.Trim()}' is not a month: give YYYY-MM.");
        else
            first = DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? Start(frequency, day)
                : throw new DomainException($"The period '{text.Trim()}' is not a day: give YYYY-MM-DD, any day of the week.");
        var end = Next(frequency, first);
        if (end > today)
            throw new DomainException($"The period {first:yyyy-MM-dd} to {end.AddDays(-1):yyyy-MM-dd} has not ended yet.");
        return ChargebackPeriod.Days(calendar, first, end);
    }

    private static DateOnly Start(ReportFrequency frequency, DateOnly day) => frequency == ReportFrequency.Monthly
        ? new DateOnly(day.Year, day.Month, 1)
        : day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static DateOnly Next(ReportFrequency frequency, DateOnly first) =>
        frequency == ReportFrequency.Monthly ? first.AddMonths(1) : first.AddDays(7);
}
