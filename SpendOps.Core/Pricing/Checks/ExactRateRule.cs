namespace SpendOps.Core.Pricing.Checks;

/// <summary>
/// A rate a provider fixes exactly: <see cref="Field"/> = <see cref="Factor"/> × <see cref="Of"/>; without
/// <see cref="Of"/>, <see cref="Factor"/> is the rate itself (a model the provider's price table lists apart from
/// its general rule). A rate that differs after rounding to <see cref="PricePrecision.Scale"/> places is corrected.
/// </summary>
internal sealed record ExactRateRule(RuleScope Scope, PriceField Field, decimal Factor, PriceField? Of = null)
{
    /// <summary>The rate the rule gives for <paramref name="price"/>; null when the rate it derives from is not listed.</summary>
    public decimal? Expected(ModelPrice price) =>
        Of is null ? PricePrecision.Round(Factor) : Of.Get(price) is { } basis ? PricePrecision.Round(Factor * basis) : null;

    /// <summary>The rule with its numbers, e.g. "Anthropic: 1-hour cache write = 2 × input ($0.25) = $0.50".</summary>
    public string Describe(ModelPrice price, decimal expected) => Of is null
        ? $"{Scope.Name}: {Field.Label} = {RateText.Usd(expected)}"
        : $"{Scope.Name}: {Field.Label} = {RateText.Factor(Factor)} × {Of.Label} ({RateText.Usd(Of.Get(price) ?? 0m)}) = {RateText.Usd(expected)}";
}
