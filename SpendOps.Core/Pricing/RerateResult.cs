namespace SpendOps.Core.Pricing;

/// <summary>
/// The outcome (or, for a preview, the would-be outcome) of a re-rate: records in the period, records whose
/// cost, price or status changed, and the period's total cost before and after.
/// </summary>
public sealed record RerateResult(int Examined, int Changed, decimal CostBefore, decimal CostAfter);
