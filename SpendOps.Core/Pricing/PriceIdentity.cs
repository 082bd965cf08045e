namespace SpendOps.Core.Pricing;

/// <summary>
/// What makes two price rows versions of the same price: tenant, provider, model key (case-insensitive) and
/// service tier. The newest version in force at a time is the price at that time.
/// </summary>
internal readonly record struct PriceIdentity(Guid? TenantId, string Provider, string ModelKey, string ServiceTier)
{
    public static PriceIdentity Of(ModelPrice p) =>
        new(p.TenantId, p.Provider?.ToLowerInvariant() ?? "", p.ModelKey.ToLowerInvariant(), p.ServiceTier ?? "");
}
