namespace SpendOps.Core.Pricing;

/// <summary>
/// A filter for <see cref="PriceService.ListAsync"/>. <paramref name="Model"/> with <c>*</c> or <c>?</c> is a
/// pattern over the whole key; without, a case-insensitive substring. <paramref name="TenantId"/> null lists
/// the global prices, otherwise that tenant's own prices. Without <paramref name="History"/>, only the
/// version in force now and any scheduled for later are listed.
/// </summary>
public sealed record PriceQuery(string? Model = null, string? Provider = null, Guid? TenantId = null, bool History = false);
