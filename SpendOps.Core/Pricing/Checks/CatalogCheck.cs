namespace SpendOps.Core.Pricing.Checks;

/// <summary>
/// Checks one price row against <see cref="CatalogRules"/>. Pure: no clock, no database. A missing (null) rate is
/// never an error: <see cref="CostCalculator"/> has a documented fallback for each.
/// </summary>
internal static class CatalogCheck
{
    /// <summary>What <see cref="Apply"/> would do, leaving <paramref name="price"/> as it is.</summary>
    public static CatalogCheckResult Check(ModelPrice price) => Apply(price.CloneAsNew());

    /// <summary>
    /// Corrects the rates of <paramref name="price"/> that break an exact rule, then reports what still looks wrong
    /// in the corrected row.
    /// </summary>
    public static CatalogCheckResult Apply(ModelPrice price)
    {
        var corrections = Correct(price);
        var undecided = new List<UndecidedFinding>();
        if (CatalogRules.CachedInput.FirstOrDefault(r => r.Scope.Covers(price)) is { } cached)
        {
            CheckCached(price, cached, PriceField.CacheRead, PriceField.Input, undecided);
            CheckCached(price, cached, PriceField.CacheReadAboveThreshold, PriceField.InputAboveThreshold, undecided);
        }
        foreach (var tier in CatalogRules.Tiers)
            CheckTier(price, tier, undecided);
        return new CatalogCheckResult(corrections, undecided);
    }

    private static List<RateCorrection> Correct(ModelPrice price)
    {
        var corrections = new List<RateCorrection>();
        var decided = new HashSet<PriceField>();
        foreach (var rule in CatalogRules.Exact)
        {
            if (!rule.Scope.Covers(price) || !decided.Add(rule.Field))
                continue;
            if (rule.Field.Get(price) is not { } actual || rule.Expected(price) is not { } expected || PricePrecision.Round(actual) == expected)
                continue;
            corrections.Add(new RateCorrection(rule.Field, actual, expected, rule.Describe(price, expected)));
            rule.Field.Set(price, expected);
        }
        return corrections;
    }

    private static void CheckCached(ModelPrice price, CachedInputRule rule, PriceField cachedField, PriceField inputField, List<UndecidedFinding> undecided)
    {
        if (cachedField.Get(price) is not { } cached || inputField.Get(price) is not { } input || (cached == 0m && input == 0m))
            return;
        if (cached >= input)
        {
            undecided.Add(new UndecidedFinding(cachedField,
                $"{cachedField.Label} {RateText.Usd(cached)} is not below {inputField.Label} {RateText.Usd(input)}",
                $"Cached input of {rule.Scope.Name} costs less than input; either rate may be the wrong one, so neither was changed."));
            return;
        }
        if (rule.Ratios.Length == 0 || rule.Ratios.Any(r => PricePrecision.Round(r * input) == PricePrecision.Round(cached)))
            return;
        undecided.Add(new UndecidedFinding(cachedField,
            $"{cachedField.Label} {RateText.Usd(cached)} is {RateText.Factor(cached / input)} × {inputField.Label} {RateText.Usd(input)}",
            $"Cached input of {rule.Scope.Name} costs {string.Join(" or ", rule.Ratios.Select(r => RateText.Factor(r) + " ×"))} input; "
            + "either rate may be the wrong one, so neither was changed."));
    }

    private static void CheckTier(ModelPrice price, TierRule rule, List<UndecidedFinding> undecided)
    {
        if (rule.Above.Get(price) is not { } above)
            return;
        if (price.ThresholdTokens is null)
        {
            undecided.Add(new UndecidedFinding(rule.Above, $"{rule.Above.Label} {RateText.Usd(above)} without a threshold",
                "The row does not say from what prompt size it applies, so it is never used; the threshold was not guessed."));
            return;
        }
        if (rule.Base.Get(price) is { } baseRate && above < baseRate)
        {
            undecided.Add(new UndecidedFinding(rule.Above, $"{rule.Above.Label} {RateText.Usd(above)} is below {rule.Base.Label} {RateText.Usd(baseRate)}",
                "Prompts above the threshold cost at least the base rate at every provider priced here; either rate may be the wrong one, so neither was changed."));
        }
    }
}
