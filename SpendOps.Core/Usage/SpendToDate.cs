namespace SpendOps.Core.Usage;

/// <summary>Spend today and this month in the tenant's time zone, with the month-end forecast (<see cref="SpendForecast"/>).</summary>
public sealed record SpendToDate(
    decimal TodayUsd,
    decimal MonthToDateUsd,
    decimal ForecastUsd,
    DateTime LocalNow,
    SpendPeriod Today,
    SpendPeriod Month);
