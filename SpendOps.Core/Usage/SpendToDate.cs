namespace SpendOps.Core.Usage;

/// <summary>
/// Spend today and this month in the tenant's time zone, with the month-end forecast (<see cref="SpendForecast"/>).
/// <see cref="MonthToDateReportedUsd"/> is the part of the month's spend at a reported cost (no price known).
/// </summary>
public sealed record SpendToDate(
    decimal TodayUsd,
    decimal MonthToDateUsd,
    decimal MonthToDateReportedUsd,
    decimal ForecastUsd,
    DateTime LocalNow,
    SpendPeriod Today,
    SpendPeriod Month);
