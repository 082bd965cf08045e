using System.Globalization;
using SpendOps.Core.Budgets;
using SpendOps.Core.Usage;

namespace SpendOps.Tests.Core.Budgets;

/// <summary>
/// Period edges in the tenant's zone, worked out from each zone's rules: New York (EST −5 / EDT −4, changes 8 March and
/// 1 November 2026), London (GMT / BST +1 from 29 March), Lord Howe (+10:30 / +11, a half-hour change on 5 April and
/// 4 October), Santiago (−4 / −3, the change at midnight: 6 September starts at 01:00), Kolkata (+5:30, no DST).
/// </summary>
public sealed class BudgetPeriodTests
{
    [Theory]
    // A month across the spring change: starts at EST midnight, ends at EDT midnight.
    [InlineData("America/New_York", "month", "2026-03-15T12:00:00Z", "2026-03-01T05:00:00Z", "2026-04-01T04:00:00Z")]
    // The 23-hour day of the spring change.
    [InlineData("America/New_York", "day", "2026-03-08T15:00:00Z", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z")]
    // 04:59 UTC on 8 March is still 7 March (23:59 EST).
    [InlineData("America/New_York", "day", "2026-03-08T04:59:00Z", "2026-03-07T05:00:00Z", "2026-03-08T05:00:00Z")]
    // The ISO week (Monday 26 October to Sunday 1 November) that contains the autumn change.
    [InlineData("America/New_York", "week", "2026-11-01T12:00:00Z", "2026-10-26T04:00:00Z", "2026-11-02T05:00:00Z")]
    // Monday 00:00 local starts the next week: 2 November 05:00 UTC.
    [InlineData("America/New_York", "week", "2026-11-02T05:00:00Z", "2026-11-02T05:00:00Z", "2026-11-09T05:00:00Z")]
    // Sunday 23:59 EST is still the old week.
    [InlineData("America/New_York", "week", "2026-11-02T04:59:00Z", "2026-10-26T04:00:00Z", "2026-11-02T05:00:00Z")]
    // 1 April 01:30 BST is the second quarter, which starts 31 March 23:00 UTC.
    [InlineData("Europe/London", "quarter", "2026-04-01T00:30:00Z", "2026-03-31T23:00:00Z", "2026-06-30T23:00:00Z")]
    // 31 March 23:30 BST is still the first quarter (which started in GMT).
    [InlineData("Europe/London", "quarter", "2026-03-31T22:30:00Z", "2026-01-01T00:00:00Z", "2026-03-31T23:00:00Z")]
    // The fourth quarter starts in BST and ends in GMT, in the next year.
    [InlineData("Europe/London", "quarter", "2026-12-31T23:00:00Z", "2026-09-30T23:00:00Z", "2027-01-01T00:00:00Z")]
    // Lord Howe's 23.5-hour day (clocks go from 02:00 to 02:30).
    [InlineData("Australia/Lord_Howe", "day", "2026-10-04T05:00:00Z", "2026-10-03T13:30:00Z", "2026-10-04T13:00:00Z")]
    // Lord Howe's 24.5-hour day (clocks go back from 02:00 to 01:30).
    [InlineData("Australia/Lord_Howe", "day", "2026-04-05T12:00:00Z", "2026-04-04T13:00:00Z", "2026-04-05T13:30:00Z")]
    // Santiago skips midnight: 6 September starts at 01:00 −3 (04:00 UTC), the day before ends there too.
    [InlineData("America/Santiago", "day", "2026-09-06T03:59:00Z", "2026-09-05T04:00:00Z", "2026-09-06T04:00:00Z")]
    [InlineData("America/Santiago", "day", "2026-09-06T04:00:00Z", "2026-09-06T04:00:00Z", "2026-09-07T03:00:00Z")]
    [InlineData("America/Santiago", "month", "2026-09-20T00:00:00Z", "2026-09-01T04:00:00Z", "2026-10-01T03:00:00Z")]
    // Santiago's autumn change repeats 23:00-24:00 on 4 April: a 25-hour day.
    [InlineData("America/Santiago", "day", "2026-04-05T03:30:00Z", "2026-04-04T03:00:00Z", "2026-04-05T04:00:00Z")]
    // Kolkata: Monday 7 December 01:30 local is the new week, which started 6 December 18:30 UTC.
    [InlineData("Asia/Kolkata", "week", "2026-12-06T20:00:00Z", "2026-12-06T18:30:00Z", "2026-12-13T18:30:00Z")]
    [InlineData("Asia/Kolkata", "week", "2026-12-06T18:29:00Z", "2026-11-29T18:30:00Z", "2026-12-06T18:30:00Z")]
    [InlineData("UTC", "month", "2026-02-28T23:59:59Z", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z")]
    public void Containing_CalendarPeriods_StartAndEndAtLocalMidnight(string zone, string period, string instant, string start, string end)
    {
        var (kind, days) = BudgetPeriodText.Parse(period);

        var found = BudgetPeriod.Containing(kind, days, new DateOnly(2026, 1, 1), Calendar(zone), Utc(instant));

        Assert.Equal((Utc(start), Utc(end)), (found.Start, found.End));
    }

    [Theory]
    // 30-day periods from 10 January: 10 Jan, 9 Feb, 11 Mar (to 10 Apr).
    [InlineData("UTC", 30, "2026-01-10", "2026-03-15T00:00:00Z", "2026-03-11T00:00:00Z", "2026-04-10T00:00:00Z")]
    [InlineData("UTC", 30, "2026-01-10", "2026-03-10T23:59:59Z", "2026-02-09T00:00:00Z", "2026-03-11T00:00:00Z")]
    // Before the anchor the periods tile backwards: 11 December to 10 January.
    [InlineData("UTC", 30, "2026-01-10", "2026-01-01T00:00:00Z", "2025-12-11T00:00:00Z", "2026-01-10T00:00:00Z")]
    // 7 days from 1 December in Kolkata: 23:59 local on 8 December is in the second period (8 to 15 December).
    [InlineData("Asia/Kolkata", 7, "2026-12-01", "2026-12-08T18:29:00Z", "2026-12-07T18:30:00Z", "2026-12-14T18:30:00Z")]
    // One-day periods are days; across New York's spring change the period is 23 hours.
    [InlineData("America/New_York", 1, "2026-01-01", "2026-03-08T15:00:00Z", "2026-03-08T05:00:00Z", "2026-03-09T04:00:00Z")]
    // Two days across Lord Howe's spring change: 3 October 00:00 (+10:30) to 5 October 00:00 (+11).
    [InlineData("Australia/Lord_Howe", 2, "2026-10-01", "2026-10-04T05:00:00Z", "2026-10-02T13:30:00Z", "2026-10-04T13:00:00Z")]
    public void Containing_Rolling_TilesFromTheAnchorDay(string zone, int days, string anchor, string instant, string start, string end)
    {
        var found = BudgetPeriod.Containing(BudgetPeriodKind.Rolling, days, DateOnly.Parse(anchor, CultureInfo.InvariantCulture), Calendar(zone), Utc(instant));

        Assert.Equal((Utc(start), Utc(end)), (found.Start, found.End));
    }

    [Fact]
    public void Previous_Months_AreTheCalendarMonthsBefore()
    {
        var budget = new Budget { Name = "b", Period = BudgetPeriodKind.Month };

        var previous = BudgetPeriod.Previous(budget, Calendar("America/New_York"), Utc("2026-03-15T12:00:00Z"), 2);

        Assert.Equal(
            [(Utc("2026-02-01T05:00:00Z"), Utc("2026-03-01T05:00:00Z")), (Utc("2026-01-01T05:00:00Z"), Utc("2026-02-01T05:00:00Z"))],
            previous.Select(p => (p.Start, p.End)).ToList());
    }

    [Fact]
    public void Previous_Quarters_CrossTheYear()
    {
        var budget = new Budget { Name = "b", Period = BudgetPeriodKind.Quarter };

        var previous = BudgetPeriod.Previous(budget, Calendar("Europe/London"), Utc("2026-04-01T00:30:00Z"), 2);

        Assert.Equal(
            [(new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), (new DateOnly(2025, 10, 1), new DateOnly(2025, 12, 31))],
            previous.Select(p => (p.FirstDay, p.LastDay)).ToList());
    }

    [Theory]
    [InlineData("day", BudgetPeriodKind.Day, null)]
    [InlineData("Week", BudgetPeriodKind.Week, null)]
    [InlineData("month", BudgetPeriodKind.Month, null)]
    [InlineData("quarter", BudgetPeriodKind.Quarter, null)]
    [InlineData("rolling:30", BudgetPeriodKind.Rolling, 30)]
    [InlineData("rolling:1", BudgetPeriodKind.Rolling, 1)]
    public void Parse_ValidPeriods(string text, BudgetPeriodKind kind, int? days) =>
        Assert.Equal((kind, days), BudgetPeriodText.Parse(text));

    [Theory]
    [InlineData("year")]
    [InlineData("rolling")]
    [InlineData("rolling:0")]
    [InlineData("rolling:367")]
    [InlineData("rolling:-3")]
    [InlineData("rolling:x")]
    public void Parse_InvalidPeriods_SayWhatToWrite(string text)
    {
        var error = Assert.Throws<SpendOps.Core.DomainException>(() => BudgetPeriodText.Parse(text));
        Assert.Equal($"Invalid period '{text}': write day, week, month, quarter or rolling:N (N days, 1 to 366).", error.Message);
    }

    private static TenantCalendar Calendar(string zone) => TenantCalendar.For(zone);

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
