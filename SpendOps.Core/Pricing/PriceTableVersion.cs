namespace SpendOps.Core.Pricing;

/// <summary>
/// Changes whenever a price or discount is added or removed. Rows are append-only, so counts and highest
/// ids are enough; the pricing job retries unpriced records only when this changes.
/// </summary>
internal readonly record struct PriceTableVersion(int Prices, long LastPriceId, int Discounts, long LastDiscountId);
