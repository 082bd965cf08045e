namespace SpendOps.Core.Pricing;

/// <summary>
/// The price found for a call: the row in force, the catalog key that matched, and the tenant's discount
/// on it (0 when none, and always 0 on a tenant's own price).
/// </summary>
public sealed record ResolvedPrice(ModelPrice Price, string MatchedKey, decimal DiscountPercent);
