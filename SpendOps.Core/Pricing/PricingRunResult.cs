namespace SpendOps.Core.Pricing;

/// <summary>
/// One run of the pricing job: how many records it looked at and what they became. Records retried as
/// unpriced and still unpriced are counted in <paramref name="Examined"/> only; <paramref name="Reported"/> are
/// those left without a price whose cost of record is the one their source reported.
/// </summary>
public sealed record PricingRunResult(int Examined, int Priced, int Unpriced, int NotBillable, int Reported = 0);
