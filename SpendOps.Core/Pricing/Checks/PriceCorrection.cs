namespace SpendOps.Core.Pricing.Checks;

/// <summary>
/// One rate the catalog checks corrected: on import (the catalog's value was never stored) or at start-up (a
/// stored row broke a rule and <see cref="ReplacedPriceId"/> names it). Written once, never changed.
/// </summary>
public sealed class PriceCorrection
{
    public long Id { get; set; }

    /// <summary>The row that holds the corrected rate.</summary>
    public long PriceId { get; set; }

    public ModelPrice? Price { get; set; }

    /// <summary>
    /// The stored row with the catalog's value that <see cref="PriceId"/> supersedes (same identity, same
    /// <see cref="ModelPrice.EffectiveFrom"/>); records priced with it keep their cost until re-rated. Null for a
    /// correction made on import.
    /// </summary>
    public long? ReplacedPriceId { get; set; }

    public string? Provider { get; set; }
    public required string ModelKey { get; set; }
    public string? ServiceTier { get; set; }

    /// <summary>The <see cref="ModelPrice"/> property corrected (<see cref="PriceField.Name"/>), e.g. <c>CacheWrite1hPerMTok</c>.</summary>
    public required string Field { get; set; }

    public decimal CatalogValue { get; set; }
    public decimal CorrectedValue { get; set; }

    /// <summary>The rule with its numbers, e.g. "Anthropic: 1-hour cache write = 2 × input ($0.25) = $0.50".</summary>
    public required string Rule { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    internal static PriceCorrection Of(ModelPrice corrected, RateCorrection correction, long? replacedPriceId, DateTimeOffset at) => new()
    {
        Price = corrected,
        ReplacedPriceId = replacedPriceId,
        Provider = corrected.Provider,
        ModelKey = corrected.ModelKey,
        ServiceTier = corrected.ServiceTier,
        Field = correction.Field.Name,
        CatalogValue = correction.CatalogValue,
        CorrectedValue = correction.CorrectedValue,
        Rule = correction.Rule,
        CreatedAt = at,
    };
}
