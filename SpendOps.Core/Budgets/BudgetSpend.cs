namespace SpendOps.Core.Budgets;

/// <summary>
/// A budget's spend in one period: the sum of the costs of record of the records in scope, and how many of them have
/// no cost yet (unpriced or pending), which are in no sum and shown beside it.
/// </summary>
public sealed record BudgetSpend(decimal SpendUsd, int UnpricedRecords);
