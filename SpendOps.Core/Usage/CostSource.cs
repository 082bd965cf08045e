namespace SpendOps.Core.Usage;

/// <summary>Where the cost of record (<see cref="UsageRecord.CostUsd"/>) came from.</summary>
public enum CostSource
{
    /// <summary>Our arithmetic with the price everyone pays (the catalog, or a global price an admin set), less the tenant's discounts.</summary>
    Catalog = 1,

    /// <summary>Our arithmetic with the tenant's own negotiated price.</summary>
    TenantPrice = 2,

    /// <summary>The cost the source reported (<see cref="UsageRecord.ProviderCostUsd"/>), used because no price was known.</summary>
    Reported = 3,
}
