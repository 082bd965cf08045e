namespace SpendOps.Core.Pricing;

/// <summary>Why the cost of record of an already-priced call changed (<see cref="UsageCostAdjustment"/>).</summary>
public enum CostAdjustmentReason
{
    /// <summary>A re-rate of its period (<c>prices rerate</c>, the Pricing page) with the price table of the day.</summary>
    Rerate = 1,
}
