using System.Globalization;
using SpendOps.Core;
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

    [Theory]
    [InlineData(ReportFrequency.Monthly, null, "2026-11-01", "2026-12-01")]
    [InlineData(ReportFrequency.Monthly, "2026-10", "2026-10-01", "2026-11-01")]
    [InlineData(ReportFrequency.Weekly, null, "2026-11-23", "2026-11-30")]
    [InlineData(ReportFrequency.Weekly, "2026-11-18", "2026-11-16", "2026-11-23")]
    [InlineData(ReportFrequency.Weekly, " 2026-11-29 ", "2026-11-23", "2026-11-30")]
    public void Parse_OnWednesdayTheSecondOfDecember_ThePeriodAskedFor(ReportFrequency frequency, string? text, string first, string end)
    {
        var period = ReportPeriods.Parse(frequency, TenantCalendar.Utc, text, new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal((DateOnly.Parse(first, CultureInfo.InvariantCulture), DateOnly.Parse(end, CultureInfo.InvariantCulture)), (period.FirstDay, period.EndDay));
    }

    [Theory]
    [InlineData(ReportFrequency.Monthly, "2026-12", "The period 2026-12-01 to 2026-12-31 has not ended yet.")]
    [InlineData(ReportFrequency.Weekly, "2026-11-30", "The period 2026-11-30 to 2026-12-06 has not ended yet.")]
    [InlineData(ReportFrequency.Monthly, "November", "The period 'November' is not a month: give YYYY-MM.")]
    [InlineData(ReportFrequency.Weekly, "2026-11", "The period '2026-11' is not a day: give YYYY-MM-DD, any day of the week.")]
    public void Parse_NotEndedOrNotADate_SaysWhy(ReportFrequency frequency, string text, string message)
    {
        var error = Assert.Throws<DomainException>(() => ReportPeriods.Parse(frequency, TenantCalendar.Utc, text, new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero)));

        Assert.Equal(message, error.Message);
    }

    private static ReportSchedule Schedule(ReportFrequency frequency, DateTimeOffset created) =>
        new() { Name = "r", Frequency = frequency, GroupBy = "dim:team", Formats = "csv", CreatedAt = created };
}
