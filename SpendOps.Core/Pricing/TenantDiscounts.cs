using SpendOps.Core.Keys;

namespace SpendOps.Core.Pricing;

/// <summary>Picks the tenant discount in force for a call (see <see cref="PriceDiscount"/> for the rules).</summary>
internal sealed class TenantDiscounts
{
    private readonly Dictionary<Guid, PriceDiscount[]> byTenant;
    private readonly Dictionary<PriceDiscount, ModelPattern> patterns = new(ReferenceEqualityComparer.Instance);

    public TenantDiscounts(IReadOnlyCollection<PriceDiscount> discounts)
    {
        byTenant = discounts
            .GroupBy(d => d.TenantId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.EffectiveFrom).ThenByDescending(d => d.Id).ToArray());
        foreach (var discount in discounts.Where(d => d.ModelPattern is not null))
            patterns[discount] = new ModelPattern(discount.ModelPattern!);
    }

    public decimal PercentFor(Guid tenantId, string provider, string model, string priceKey, DateTimeOffset at)
    {
        if (!byTenant.TryGetValue(tenantId, out var versions))
            return 0m;
        PriceDiscount? best = null;
        var bestRank = -1;
        var scopes = new HashSet<(string, string)>();
        foreach (var discount in versions)
        {
            // Newest first: the first version of each scope in force at the call's time is that scope's discount.
            if (discount.EffectiveFrom > at || !scopes.Add((discount.Provider?.ToLowerInvariant() ?? "", discount.ModelPattern?.ToLowerInvariant() ?? "")))
                continue;
            // A 0 % version ends that scope's discount, so a broader one (if any) applies again.
            if (discount.Percent == 0m)
                continue;
            if (discount.Provider is not null && !string.Equals(discount.Provider, provider, StringComparison.OrdinalIgnoreCase))
                continue;
            if (discount.ModelPattern is not null && !(patterns[discount].Matches(model) || patterns[discount].Matches(priceKey)))
                continue;
            var rank = (discount.ModelPattern is null ? 0 : 2) + (discount.Provider is null ? 0 : 1);
            if (rank > bestRank)
            {
                best = discount;
                bestRank = rank;
            }
        }
        return best?.Percent ?? 0m;
    }
}
