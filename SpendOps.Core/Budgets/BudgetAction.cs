namespace SpendOps.Core.Budgets;

/// <summary>What happens when a budget's period spend reaches its amount.</summary>
public enum BudgetAction
{
    /// <summary>Alerts only; calls go on.</summary>
    AlertOnly = 1,

    /// <summary>Alerts, and the proxy refuses the scope's calls with 429 until the period resets.</summary>
    Block = 2,
}
