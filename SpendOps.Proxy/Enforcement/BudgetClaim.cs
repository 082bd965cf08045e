namespace SpendOps.Proxy.Enforcement;

/// <summary>The blocking budgets one call falls under, and the most it can cost (what each of them must cover).</summary>
internal sealed record BudgetClaim(IReadOnlyList<BudgetLedger> Ledgers, decimal MaxCostUsd, long MaxOutputTokens);
