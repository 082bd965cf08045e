using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback.Export;

/// <summary>A cost adjustment with the call it changed and the price rows before and after (null for a reported cost or no cost).</summary>
public sealed record AdjustedRecord(UsageCostAdjustment Adjustment, UsageRecord Record, ModelPrice? PriceBefore, ModelPrice? PriceAfter);
