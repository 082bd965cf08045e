using SpendOps.Core.Keys;
using SpendOps.Core.Providers;

namespace SpendOps.Core.Pricing;

/// <summary>Checks and normalises a price or discount an admin entered; the messages are shown as is.</summary>
internal static class PriceValidator
{
    public static void Normalize(ModelPrice price)
    {
        price.ModelKey = price.ModelKey?.Trim() ?? "";
        if (price.ModelKey.Length is 0 or > 200 || price.ModelKey.Any(char.IsWhiteSpace))
            throw new DomainException("The model must be 1 to 200 characters without spaces.");
        price.Provider = NormalizeProvider(price.Provider);
        if (price.ServiceTier is { } tier)
            price.ServiceTier = ServiceTiers.Normalize(tier) ?? throw new DomainException($"Unknown service tier '{tier}': use flex, priority, or none for standard.");

        decimal?[] rates =
        [
            price.InputPerMTok, price.OutputPerMTok, price.CacheReadPerMTok, price.CacheWrite5mPerMTok, price.CacheWrite1hPerMTok,
            price.ReasoningPerMTok, price.AudioInputPerMTok, price.AudioOutputPerMTok, price.ImageInputPerMTok, price.ImageOutputPerMTok,
            price.InputAboveThresholdPerMTok, price.OutputAboveThresholdPerMTok, price.CacheReadAboveThresholdPerMTok,
            price.CacheWrite5mAboveThresholdPerMTok, price.CacheWrite1hAboveThresholdPerMTok, price.RequestFee,
            price.SearchFeeLow, price.SearchFeeMedium, price.SearchFeeHigh,
        ];
        if (rates.Any(r => r < 0m))
            throw new DomainException("Prices cannot be negative.");
        if (price.ThresholdTokens is <= 0)
            throw new DomainException("The long-context threshold must be a positive number of tokens.");
        decimal?[] aboveRates =
        [
            price.InputAboveThresholdPerMTok, price.OutputAboveThresholdPerMTok, price.CacheReadAboveThresholdPerMTok,
            price.CacheWrite5mAboveThresholdPerMTok, price.CacheWrite1hAboveThresholdPerMTok,
        ];
        if (price.ThresholdTokens is null && aboveRates.Any(r => r is not null))
            throw new DomainException("Above-threshold prices need a threshold (e.g. 200000 tokens).");
        if (price.Note is { Length: > 500 })
            throw new DomainException("The note must be at most 500 characters.");
        PriceRates.Round(price);
    }

    public static void Normalize(PriceDiscount discount)
    {
        discount.Provider = NormalizeProvider(discount.Provider);
        discount.ModelPattern = string.IsNullOrWhiteSpace(discount.ModelPattern) ? null : discount.ModelPattern.Trim();
        if (discount.ModelPattern is { } pattern && !ModelPattern.IsValid(pattern))
            throw new DomainException($"'{pattern}' is not a valid model pattern.");
        if (discount.Percent is < 0m or > 100m)
            throw new DomainException("A discount is between 0 and 100 percent.");
        if (discount.Note is { Length: > 500 })
            throw new DomainException("The note must be at most 500 characters.");
    }

    private static string? NormalizeProvider(string? provider)
    {
        if (string.IsNullOrWhiteSpace(provider))
            return null;
        return ProviderCatalog.Find(provider.Trim())?.Name ?? throw new DomainException($"Unknown provider '{provider}'.");
    }
}
