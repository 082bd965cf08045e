using SpendOps.Core.Usage;

namespace SpendOps.Core.Pricing;

/// <summary>
/// Sets the cost of record of one usage record from a loaded price table; shared by the usage writer, the pricing
/// job and re-rating, so there is one rule: the price in force (with the tenant's discounts), else the cost the
/// source reported, else unpriced.
/// </summary>
internal static class RecordPricer
{
    /// <summary>Prices <paramref name="record"/>; returns true when its status, cost or price changed.</summary>
    public static bool Apply(UsageRecord record, PriceResolver prices, DateTimeOffset now) => Apply(record, prices, now, out _);

    /// <summary>As <see cref="Apply(UsageRecord, PriceResolver, DateTimeOffset)"/>, saying what the record had before (a re-rate records the difference).</summary>
    public static bool Apply(UsageRecord record, PriceResolver prices, DateTimeOffset now, out PricingOutcome before)
    {
        before = new PricingOutcome(record.PricingStatus, record.CostUsd, record.PriceId, record.CostSource);
        var outcome = Evaluate(record, prices);
        if (!outcome.Differs(record))
            return false;
        record.PricingStatus = outcome.Status;
        record.CostUsd = outcome.CostUsd;
        record.CostSource = outcome.Source;
        record.PriceId = outcome.PriceId;
        record.PricedAt = outcome.Status == PricingStatus.Unpriced ? null : now;
        return true;
    }

    /// <summary>What pricing would set, without touching the record.</summary>
    public static PricingOutcome Evaluate(UsageRecord record, PriceResolver prices)
    {
        if (!record.Billable)
            return new(PricingStatus.NotBillable, 0m, null, null);
        if (!record.UsageComplete && !HasAnyUsage(record))
            return new(PricingStatus.UsageUnknown, null, null, null);
        if (prices.Resolve(record) is { } resolved)
        {
            // Incomplete usage (a cut stream) is priced on what was seen; UsageComplete keeps saying it is a floor.
            var cost = CostCalculator.Calculate(record, resolved.Price, resolved.DiscountPercent).Total;
            var source = resolved.Price.TenantId is null ? CostSource.Catalog : CostSource.TenantPrice;
            return new(PricingStatus.Priced, PricePrecision.Round(cost), resolved.Price.Id, source);
        }
        // No price, but the source said what it cost: that beats showing nothing, and the status says whose number it is.
        if (record.ProviderCostUsd is { } reported)
            return new(PricingStatus.Reported, PricePrecision.Round(reported), null, CostSource.Reported);
        // Unknown models stay visible with no cost (never $0) and are priced once a price exists.
        return new(PricingStatus.Unpriced, null, null, null);
    }

    private static bool HasAnyUsage(UsageRecord r) => r.Tokens.HasAny || r.ProviderCostUsd is not null;
}
