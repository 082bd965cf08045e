namespace SpendOps.Core.Budgets;

/// <summary>Where a budget stands in one period: spend, share of the amount used and the projection to the period's end.</summary>
public sealed record BudgetStatus(Budget Budget, BudgetPeriod Period, BudgetSpend Spend, decimal ForecastUsd)
{
    public decimal SpendUsd => Spend.SpendUsd;

    /// <summary>Spend in percent of the amount (may pass 100).</summary>
    public decimal PercentUsed => Budget.AmountUsd == 0 ? 0 : Spend.SpendUsd * 100m / Budget.AmountUsd;

    public bool Exhausted => Spend.SpendUsd >= Budget.AmountUsd;
}
