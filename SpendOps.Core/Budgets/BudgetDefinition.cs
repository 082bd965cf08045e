namespace SpendOps.Core.Budgets;

/// <summary>What an admin sets on a budget, from the CLI or the portal; <see cref="BudgetValidator"/> checks it.</summary>
public sealed record BudgetDefinition(
    string Name,
    decimal AmountUsd,
    BudgetPeriodKind Period,
    int? RollingDays,
    BudgetScope Scope,
    IReadOnlyList<int> Thresholds,
    BudgetAction Action,
    IReadOnlyList<string> Recipients);
