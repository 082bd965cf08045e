using SpendOps.Core.Alerts;

namespace SpendOps.Core.Budgets;

/// <summary>Which alerts a budget owes in a period, given what it spent, what it projects and what already fired.</summary>
public static class BudgetAlertRules
{
    /// <summary>The threshold a forecast alert is stored under: the projection passes 100 % of the amount.</summary>
    public const int ForecastPercent = 100;

    /// <summary>
    /// Every threshold the spend has reached (spend ≥ amount × percent / 100) that has not fired in this period, lowest
    /// first; all of them when one burst crosses several. Then the forecast alert, when the period is far enough along
    /// (<see cref="BudgetForecast.IsSettled"/>), the projection passes the amount, the spend itself has not reached it
    /// yet (after that the 100 % threshold says more) and it has not fired in this period.
    /// </summary>
    public static IReadOnlyList<(AlertKind Kind, int Percent)> Due(
        IReadOnlyList<int> thresholds,
        decimal amountUsd,
        decimal spendUsd,
        decimal forecastUsd,
        bool forecastSettled,
        IReadOnlyCollection<(AlertKind Kind, int Percent)> fired)
    {
        var due = new List<(AlertKind, int)>();
        foreach (var percent in thresholds.Distinct().Order())
        {
            if (spendUsd >= amountUsd * percent / 100m && !fired.Contains((AlertKind.Threshold, percent)))
                due.Add((AlertKind.Threshold, percent));
        }
        if (forecastSettled && forecastUsd > amountUsd && spendUsd < amountUsd && !fired.Contains((AlertKind.Forecast, ForecastPercent)))
            due.Add((AlertKind.Forecast, ForecastPercent));
        return due;
    }
}
