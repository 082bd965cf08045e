using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback.Export;

/// <summary>A usage record with the price row that gave it its cost (null for reported costs and unpriced calls).</summary>
public sealed record RatedRecord(UsageRecord Record, ModelPrice? Price);
