using SpendOps.Core.Keys;

namespace SpendOps.Core.Pricing.Checks;

/// <summary>
/// The price rows a rule covers: rows of <paramref name="provider"/>, or of no provider (which
/// <see cref="PriceResolver"/> uses for every provider), whose model key matches <paramref name="models"/>
/// (<c>*</c> and <c>?</c> wildcards, case-insensitive). <paramref name="name"/> says whose rule it is in messages.
/// </summary>
internal sealed class RuleScope(string provider, string models, string name)
{
    private readonly ModelPattern pattern = new(models);

    public string Name => name;

    public bool Covers(ModelPrice price) =>
        (price.Provider is null || string.Equals(price.Provider, provider, StringComparison.OrdinalIgnoreCase)) && pattern.Matches(price.ModelKey);
}
