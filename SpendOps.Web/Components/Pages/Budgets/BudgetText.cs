using System.Globalization;
using SpendOps.Core.Alerts;
using SpendOps.Core.Budgets;

namespace SpendOps.Web.Components.Pages.Budgets;

/// <summary>How amounts, periods and alerts read in the portal.</summary>
internal static class BudgetText
{
    public static string Usd(decimal value) => "$" + value.ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Percent(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture) + " %";

    public static string Amount(Budget budget) =>
        $"{Usd(budget.AmountUsd)} {(budget.Period == BudgetPeriodKind.Rolling ? "per " : "")}{BudgetPeriodText.Describe(budget.Period, budget.RollingDays)}";

    public static string Period(BudgetPeriod period) =>
        period.FirstDay == period.LastDay
            ? period.FirstDay.ToString("d MMM yyyy", CultureInfo.InvariantCulture)
            : $"{period.FirstDay.ToString("d MMM", CultureInfo.InvariantCulture)} – {period.LastDay.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}";

    public static string Alert(AlertEvent alert) => alert.Kind == AlertKind.Forecast
        ? $"Forecast {Usd(alert.ForecastUsd ?? 0)} passes {Usd(alert.AmountUsd)}"
        : $"{alert.ThresholdPercent} % reached";

    /// <summary>Green under 80 %, amber from 80 %, red from 100 %.</summary>
    public static MudBlazor.Color Severity(decimal percentUsed) => percentUsed switch
    {
        >= 100 => MudBlazor.Color.Error,
        >= 80 => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Success,
    };
}
