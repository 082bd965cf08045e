namespace SpendOps.Core.Budgets;

/// <summary>How a budget's spend resets. Calendar periods follow the tenant's time zone.</summary>
public enum BudgetPeriodKind
{
    Day = 1,

    /// <summary>An ISO week: Monday to Sunday.</summary>
    Week = 2,
    Month = 3,

    /// <summary>January to March, April to June, July to September, October to December.</summary>
    Quarter = 4,

    /// <summary>
    /// Consecutive periods of <see cref="Budget.RollingDays"/> local days, the first starting on
    /// <see cref="Budget.AnchorDate"/> (the day the budget was created).
    /// </summary>
    Rolling = 5,
}
