namespace SpendOps.Core.Pricing;

/// <summary>
/// One run of the pricing job: how many records it looked at and what they became. Records retried as
/// unpriced and still unpriced are counted in <paramref name="Examined"/> only.
/// </summary>
public sealed record PricingRunResult(int Examined, int Priced, int Unpriced, int NotBillable);
