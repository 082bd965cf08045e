using System.Globalization;
using SpendOps.Core.Alerts;
using SpendOps.Core.Budgets;

namespace SpendOps.Web.Cli;

/// <summary>How budgets and alerts read in the command line's tables and sentences.</summary>
internal static class BudgetCliFormat
{
    public static string Usd(decimal value) => "$" + value.ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Percent(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture) + " %";

    public static string Action(BudgetAction action) => action == BudgetAction.Block ? "block" : "alert";

    /// <summary>"a month", "per 30 days": after an amount.</summary>
    public static string PerPeriod(Budget budget) =>
        budget.Period == BudgetPeriodKind.Rolling ? $"per {BudgetPeriodText.Describe(budget.Period, budget.RollingDays)}" : BudgetPeriodText.Describe(budget.Period, null);

    public static string Thresholds(IEnumerable<int> thresholds) => string.Join(",", thresholds);

    public static string Alert(AlertEvent alert) => alert.Kind switch
    {
        AlertKind.Threshold => $"threshold {alert.ThresholdPercent} %",
        AlertKind.Forecast => "forecast",
        _ => alert.Kind.ToString().ToLowerInvariant(),
    };

    public static string Period(BudgetPeriod period) =>
        period.FirstDay == period.LastDay
            ? period.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : $"{period.FirstDay:yyyy-MM-dd} to {period.LastDay:yyyy-MM-dd}";
}
