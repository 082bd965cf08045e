namespace SpendOps.Core.Budgets;

/// <summary>One evaluation run: budgets looked at, alerts this instance raised, budgets that failed.</summary>
public sealed record BudgetEvaluationResult(int Evaluated, int Raised, int Failed);
