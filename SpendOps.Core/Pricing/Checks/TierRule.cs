namespace SpendOps.Core.Pricing.Checks;

/// <summary>
/// A rate with an above-threshold counterpart: the counterpart needs a threshold to be used at all, and is never
/// below the base rate. Which of the two is wrong when it is below is not known, so this rule only reports.
/// </summary>
internal sealed record TierRule(PriceField Base, PriceField Above);
