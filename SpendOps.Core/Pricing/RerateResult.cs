namespace SpendOps.Core.Pricing;

/// <summary>
/// The outcome (or, for a preview, the would-be outcome) of a re-rate: records in the period, records whose
/// cost, price or status changed, and the period's total cost of record before and after.
/// <paramref name="FromReported"/> counts the changed records that had the cost their source reported and now
/// get our arithmetic (a price was added after they were recorded).
/// </summary>
public sealed record RerateResult(int Examined, int Changed, decimal CostBefore, decimal CostAfter, int FromReported = 0);
