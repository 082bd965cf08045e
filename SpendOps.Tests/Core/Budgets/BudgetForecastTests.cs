using System.Globalization;
using SpendOps.Core.Budgets;
using SpendOps.Core.Usage;

namespace SpendOps.Tests.Core.Budgets;

/// <summary>The projection to the period's end and when it is settled enough to alert on, in UTC unless a zone is named.</summary>
public sealed class BudgetForecastTests
{
    [Theory]
    // March (31 days), on the 11th at 00:00: 10 days elapsed, $100 → $310.
    [InlineData("month", "2026-03-11T00:00:00Z", 100, 310)]
    // Two hours into March: the divisor is a day, so $10 → $310 rather than $3,720.
    [InlineData("month", "2026-03-01T02:00:00Z", 10, 310)]
    // A day budget at 12:00: half the day gone, $30 → $60.
    [InlineData("day", "2026-03-10T12:00:00Z", 30, 60)]
    // A day budget at 03:00: the divisor is a quarter of the day (6 h), $5 → $20.
    [InlineData("day", "2026-03-10T03:00:00Z", 5, 20)]
    // A week on Thursday 00:00 (Monday 9 March + 3 days): $30 → $70.
    [InlineData("week", "2026-03-12T00:00:00Z", 30, 70)]
    // A quarter (90 days, January to March) on 31 January 00:00 (30 days): $100 → $300.
    [InlineData("quarter", "2026-01-31T00:00:00Z", 100, 300)]
    public void PeriodEnd_ProjectsTheRunRate(string period, string now, decimal spend, decimal expected)
    {
        var (kind, days) = BudgetPeriodText.Parse(period);
        var instant = Utc(now);
        var budgetPeriod = BudgetPeriod.Containing(kind, days, new DateOnly(2026, 1, 1), TenantCalendar.Utc, instant);

        Assert.Equal(expected, decimal.Round(BudgetForecast.PeriodEnd(spend, budgetPeriod, TenantCalendar.Utc, instant), 6));
    }

    [Fact]
    public void PeriodEnd_NewYorkDstMonth_UsesWallClockDays()
    {
        // March in New York has 31 local days though 743 hours; on the 11th at local midnight 10 days are gone.
        var calendar = TenantCalendar.For("America/New_York");
        var now = Utc("2026-03-11T04:00:00Z");
        var period = BudgetPeriod.Containing(BudgetPeriodKind.Month, null, default, calendar, now);

        Assert.Equal(310m, decimal.Round(BudgetForecast.PeriodEnd(100m, period, calendar, now), 6));
    }

    [Theory]
    // A quarter of a day: 06:00.
    [InlineData("day", "2026-03-10T05:59:00Z", false)]
    [InlineData("day", "2026-03-10T06:00:00Z", true)]
    // A quarter of a week is 42 hours: Tuesday 18:00 (before two days are up).
    [InlineData("week", "2026-03-10T17:59:00Z", false)]
    [InlineData("week", "2026-03-10T18:00:00Z", true)]
    // Months and quarters: two days, the 3rd at 00:00.
    [InlineData("month", "2026-03-02T23:59:00Z", false)]
    [InlineData("month", "2026-03-03T00:00:00Z", true)]
    [InlineData("quarter", "2026-04-03T00:00:00Z", true)]
    [InlineData("rolling:1", "2026-03-10T06:00:00Z", true)]
    [InlineData("rolling:1", "2026-03-10T05:00:00Z", false)]
    public void IsSettled_AfterAQuarterOfThePeriodOrTwoDays(string period, string now, bool settled)
    {
        var (kind, days) = BudgetPeriodText.Parse(period);
        var instant = Utc(now);
        var budgetPeriod = BudgetPeriod.Containing(kind, days, new DateOnly(2026, 1, 1), TenantCalendar.Utc, instant);

        Assert.Equal(settled, BudgetForecast.IsSettled(budgetPeriod, TenantCalendar.Utc, instant));
    }

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
