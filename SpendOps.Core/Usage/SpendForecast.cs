namespace SpendOps.Core.Usage;

/// <summary>
/// Month-end forecast from the month so far: month to date plus the daily run rate times the days left.
/// </summary>
/// <remarks>
/// The run rate is month-to-date spend over the elapsed part of the month measured in local wall-clock days,
/// counting today only as far as it has gone (the 10th at 18:00 is 9.75 days). Counting today as a whole day
/// would understate the rate every morning; leaving today out would ignore the freshest spend. For the first day
/// of a month the divisor is at least one day, so a burst in the first minutes is not multiplied by thousands
/// (the forecast then is month to date times the days in the month). Calendar days, not elapsed hours, so a
/// daylight-saving day does not skew the rate.
/// </remarks>
public static class SpendForecast
{
    public static decimal MonthEnd(decimal monthToDate, DateTime localNow)
    {
        var monthStart = new DateTime(localNow.Year, localNow.Month, 1);
        var daysInMonth = (decimal)DateTime.DaysInMonth(localNow.Year, localNow.Month);
        var elapsed = Math.Max(1m, (decimal)(localNow - monthStart).TotalDays);
        elapsed = Math.Min(elapsed, daysInMonth);
        var dailyRate = monthToDate / elapsed;
        return monthToDate + dailyRate * (daysInMonth - elapsed);
    }
}
