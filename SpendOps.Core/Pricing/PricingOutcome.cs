using SpendOps.Core.Usage;

namespace SpendOps.Core.Pricing;

/// <summary>The cost fields pricing gives one usage record (<see cref="RecordPricer.Evaluate"/>).</summary>
internal readonly record struct PricingOutcome(PricingStatus Status, decimal? CostUsd, long? PriceId, CostSource? Source)
{
    public bool Differs(UsageRecord record) =>
        record.PricingStatus != Status || record.CostUsd != CostUsd || record.PriceId != PriceId || record.CostSource != Source;
}
