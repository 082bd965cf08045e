namespace SpendOps.Core.Pricing.Checks;

/// <summary>A rate that broke an exact rule: the catalog's value, the value the rule gives, and the rule with its numbers.</summary>
public sealed record RateCorrection(PriceField Field, decimal CatalogValue, decimal CorrectedValue, string Rule);
