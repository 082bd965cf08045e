namespace SpendOps.Core.Pricing;

/// <summary>
/// Which records to re-rate: those with <c>From &lt;= Timestamp &lt; To</c>, optionally only one tenant's,
/// one provider's, or those whose model matches <paramref name="ModelPattern"/> (<c>*</c>, <c>?</c>, case-insensitive).
/// </summary>
public sealed record RerateRequest(DateTimeOffset From, DateTimeOffset To, Guid? TenantId = null, string? Provider = null, string? ModelPattern = null);
