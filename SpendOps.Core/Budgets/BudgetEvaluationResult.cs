namespace SpendOps.Core.Budgets;

/// <summary>
/// One evaluation run: budgets looked at, alerts this instance raised, budgets that failed, and of the budgets evaluated
/// those whose spend has reached their lowest threshold and the blocking ones whose spend has reached their amount.
/// </summary>
public sealed record BudgetEvaluationResult(int Evaluated, int Raised, int Failed, int OverThreshold, int Blocked);
