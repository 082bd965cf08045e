using SpendOps.Core.Usage;

namespace SpendOps.Core.Pricing;

/// <summary>Sets the cost fields of one usage record from a loaded price table; shared by the pricing job and re-rating.</summary>
internal static class RecordPricer
{
    /// <summary>Prices <paramref name="record"/>; returns true when its status, cost or price changed.</summary>
    public static bool Apply(UsageRecord record, PriceResolver prices, DateTimeOffset now)
    {
        var (status, cost, priceId) = Evaluate(record, prices);
        if (record.PricingStatus == status && record.CostUsd == cost && record.PriceId == priceId)
            return false;
        record.PricingStatus = status;
        record.CostUsd = cost;
        record.PriceId = priceId;
        record.PricedAt = status == PricingStatus.Unpriced ? null : now;
        return true;
    }

    /// <summary>What pricing would set, without touching the record.</summary>
    public static (PricingStatus Status, decimal? CostUsd, long? PriceId) Evaluate(UsageRecord record, PriceResolver prices)
    {
        if (!record.Billable)
            return (PricingStatus.NotBillable, 0m, null);
        if (!record.UsageComplete && !HasAnyUsage(record))
            return (PricingStatus.UsageUnknown, null, null);
        // Unknown models stay visible with no cost (never $0) and are priced once a price exists.
        if (prices.Resolve(record) is not { } resolved)
            return (PricingStatus.Unpriced, null, null);
        // Incomplete usage (a cut stream) is priced on what was seen; UsageComplete keeps saying it is a floor.
        var cost = CostCalculator.Calculate(record, resolved.Price, resolved.DiscountPercent).Total;
        return (PricingStatus.Priced, PricePrecision.Round(cost), resolved.Price.Id);
    }

    private static bool HasAnyUsage(UsageRecord r) => r.Tokens.HasAny || r.ProviderCostUsd is not null;
}
