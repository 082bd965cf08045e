using SpendOps.Core.Chargeback.Reports;
using SpendOps.Core.Usage;

namespace SpendOps.Tests.Core.Chargeback.Reports;

public sealed class ReportPeriodsTests
{
    private static readonly DateTimeOffset LongAgo = DateTimeOffset.MinValue;

    [Fact]
    public void Weekly_CreatedMidWeek_EveryEndedWeekFromMondayToMonday()
    {
        // Wednesday 18 November; Monday 30 November 10:00 UTC.
        var schedule = Schedule(ReportFrequency.Weekly, new DateTimeOffset(2026, 11, 18, 9, 0, 0, TimeSpan.Zero));

        var due = ReportPeriods.Due(schedule, TenantCalendar.Utc, new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero), LongAgo).ToList();

        Assert.Equal([(new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 23)), (new DateOnly(2026, 11, 23), new DateOnly(2026, 11, 30))],
            due.Select(p => (p.FirstDay, p.EndDay)));
    }

    [Fact]
    public void Monthly_AfterAnOutage_EveryMissedMonthOldestFirst()
    {
        var schedule = Schedule(ReportFrequency.Monthly, new DateTimeOffset(2026, 9, 20, 0, 0, 0, TimeSpan.Zero));

        var due = ReportPeriods.Due(schedule, TenantCalendar.Utc, new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), LongAgo).ToList();

        Assert.Equal([new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)], due.Select(p => p.FirstDay));
    }

    [Fact]
    public void Monthly_PeriodsPastRetention_NotProducedAgain()
    {
        var schedule = Schedule(ReportFrequency.Monthly, new DateTimeOffset(2026, 9, 20, 0, 0, 0, TimeSpan.Zero));

        var due = ReportPeriods.Due(schedule, TenantCalendar.Utc, new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 15, 0, 0, 0, TimeSpan.Zero)).ToList();

        Assert.Equal([new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)], due.Select(p => p.FirstDay));
    }

    private static ReportSchedule Schedule(ReportFrequency frequency, DateTimeOffset created) =>
        new() { Name = "r", Frequency = frequency, GroupBy = "dim:team", Formats = "csv", CreatedAt = created };
}
