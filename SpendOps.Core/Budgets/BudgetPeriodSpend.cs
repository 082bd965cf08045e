namespace SpendOps.Core.Budgets;

/// <summary>A past period of a budget and what was spent in it (with today's amount, for the share used).</summary>
public sealed record BudgetPeriodSpend(BudgetPeriod Period, BudgetSpend Spend, decimal AmountUsd)
{
    public decimal PercentUsed => AmountUsd == 0 ? 0 : Spend.SpendUsd * 100m / AmountUsd;
}
