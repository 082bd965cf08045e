using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Pricing;

/// <summary>
/// Which records to re-rate: those with <c>From &lt;= Timestamp &lt; To</c> in <paramref name="Scope"/> (one tenant's,
/// or every tenant's for an operator), optionally only one provider's, or those whose model matches
/// <paramref name="ModelPattern"/> (<c>*</c>, <c>?</c>, case-insensitive).
/// </summary>
public sealed record RerateRequest(DateTimeOffset From, DateTimeOffset To, TenantScope Scope, string? Provider = null, string? ModelPattern = null);
