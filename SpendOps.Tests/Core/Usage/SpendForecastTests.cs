using SpendOps.Core.Usage;

namespace SpendOps.Tests.Core.Usage;

public sealed class SpendForecastTests
{
    [Theory]
    // 10 March 18:00 is 9.75 days in: 39 / 9.75 = 4 a day, 21.25 days left.
    [InlineData("2026-03-10T18:00:00", "39", "124")]
    // Six hours into the month the divisor is one whole day: 10 + 10 * 30.
    [InlineData("2026-03-01T06:00:00", "10", "310")]
    // February 2026 has 28 days: 13 days in, 2 a day, 15 left.
    [InlineData("2026-02-14T00:00:00", "26", "56")]
    // The last day at noon: 30.5 days in, 2 a day, half a day left.
    [InlineData("2026-03-31T12:00:00", "61", "62")]
    [InlineData("2026-03-10T18:00:00", "0", "0")]
    public void MonthEnd_ElapsedPartOfMonth_ExtrapolatesDailyRate(string localNow, string monthToDate, string expected)
    {
        var forecast = SpendForecast.MonthEnd(decimal.Parse(monthToDate), DateTime.Parse(localNow, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(decimal.Parse(expected), forecast);
    }
}
