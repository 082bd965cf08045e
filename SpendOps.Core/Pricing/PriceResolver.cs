using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Pricing;

/// <summary>
/// Finds the price in force at a time for (tenant, provider, model), from a price table loaded once
/// (<see cref="LoadAsync"/>) and then used for a whole batch of records without further queries.
/// </summary>
/// <remarks>
/// Order of search, first hit wins: the tenant's own prices, then global prices; within each, the call's
/// service tier (flex, priority) before the standard tier; within each, the keys of
/// <see cref="PriceKeyCandidates"/> (exact, with the provider's catalog prefix, then without a dated suffix).
/// For one key, a row of the call's provider beats a row for any provider (null), and the row with the latest
/// <see cref="ModelPrice.EffectiveFrom"/> not after the call's time is the one in force; of two rows with the same date the
/// later one (higher Id) is, which is how a catalog correction supersedes a wrong row. Keys match case-insensitively.
/// </remarks>
public sealed class PriceResolver
{
    private readonly Dictionary<string, ModelPrice[]> pricesByKey;
    private readonly TenantDiscounts discounts;

    public PriceResolver(IEnumerable<ModelPrice> prices, IEnumerable<PriceDiscount>? discounts = null)
    {
        var all = prices.ToList();
        var discountList = discounts?.ToList() ?? [];
        pricesByKey = all
            .GroupBy(p => p.ModelKey, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.Id).ToArray(), StringComparer.OrdinalIgnoreCase);
        this.discounts = new TenantDiscounts(discountList);
        Version = new PriceTableVersion(all.Count, all.Count == 0 ? 0 : all.Max(p => p.Id), discountList.Count, discountList.Count == 0 ? 0 : discountList.Max(d => d.Id));
    }

    internal PriceTableVersion Version { get; }

    public static async Task<PriceResolver> LoadAsync(SpendOpsDbContext db, CancellationToken cancellationToken)
    {
        var prices = await db.ModelPrices.AsNoTracking().ToListAsync(cancellationToken);
        var discounts = await db.PriceDiscounts.AsNoTracking().ToListAsync(cancellationToken);
        return new PriceResolver(prices, discounts);
    }

    /// <summary>The price for a usage record: by the reported model (a dated snapshot) first, then the requested one.</summary>
    public ResolvedPrice? Resolve(UsageRecord record) =>
        Resolve(record.TenantId, record.Provider, record.ModelReported, record.Timestamp, record.ServiceTier)
        ?? Resolve(record.TenantId, record.Provider, record.ModelRequested, record.Timestamp, record.ServiceTier);

    public ResolvedPrice? Resolve(Guid tenantId, string provider, string? model, DateTimeOffset at, string? serviceTier = null)
    {
        if (string.IsNullOrWhiteSpace(model))
            return null;
        var keys = PriceKeyCandidates.For(provider, model);
        var tier = ServiceTiers.Normalize(serviceTier);
        string?[] tiers = tier is null ? [null] : [tier, null];
        foreach (var scope in new Guid?[] { tenantId, null })
        {
            foreach (var t in tiers)
            {
                foreach (var key in keys)
                {
                    if (Find(key, scope, provider, t, at) is not { } price)
                        continue;
                    var discount = scope is null ? discounts.PercentFor(tenantId, provider, model, price.ModelKey, at) : 0m;
                    return new ResolvedPrice(price, key, discount);
                }
            }
        }
        return null;
    }

    private ModelPrice? Find(string key, Guid? tenantId, string provider, string? tier, DateTimeOffset at)
    {
        if (!pricesByKey.TryGetValue(key, out var versions))
            return null;
        ModelPrice? anyProvider = null;
        foreach (var price in versions)
        {
            if (price.TenantId != tenantId || price.EffectiveFrom > at || !string.Equals(price.ServiceTier, tier, StringComparison.OrdinalIgnoreCase))
                continue;
            if (string.Equals(price.Provider, provider, StringComparison.OrdinalIgnoreCase))
                return price;
            if (price.Provider is null)
                anyProvider ??= price;
        }
        return anyProvider;
    }
}
