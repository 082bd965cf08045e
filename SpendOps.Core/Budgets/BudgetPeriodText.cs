using System.Globalization;

namespace SpendOps.Core.Budgets;

/// <summary>The period as written in the CLI and the portal: <c>day</c>, <c>week</c>, <c>month</c>, <c>quarter</c> or <c>rolling:N</c>.</summary>
public static class BudgetPeriodText
{
    public const int MaxRollingDays = 366;

    public const string Syntax = "day, week, month, quarter or rolling:N (N days, 1 to 366)";

    public static (BudgetPeriodKind Kind, int? RollingDays) Parse(string text)
    {
        var value = text.Trim().ToLowerInvariant();
        switch (value)
        {
            case "day": return (BudgetPeriodKind.Day, null);
            case "week": return (BudgetPeriodKind.Week, null);
            case "month": return (BudgetPeriodKind.Month, null);
            case "quarter": return (BudgetPeriodKind.Quarter, null);
        }
        if (value.StartsWith("rolling:", StringComparison.Ordinal)
            && int.TryParse(value["rolling:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var days)
            && days is >= 1 and <= MaxRollingDays)
            return (BudgetPeriodKind.Rolling, days);
        throw new DomainException($"Invalid period '{text}': write {Syntax}.");
    }

    public static string Format(BudgetPeriodKind kind, int? rollingDays) => kind switch
    {
        BudgetPeriodKind.Rolling => $"rolling:{rollingDays}",
        _ => kind.ToString().ToLowerInvariant(),
    };

    /// <summary>"a month", "30 days": for sentences in the portal.</summary>
    public static string Describe(BudgetPeriodKind kind, int? rollingDays) => kind switch
    {
        BudgetPeriodKind.Day => "a day",
        BudgetPeriodKind.Week => "a week (Monday to Sunday)",
        BudgetPeriodKind.Month => "a month",
        BudgetPeriodKind.Quarter => "a quarter",
        _ => rollingDays == 1 ? "1 day" : $"{rollingDays} days",
    };
}
