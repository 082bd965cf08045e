using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Chargeback;

/// <summary>One chargeback view: whose spend (one tenant, or every tenant on operator paths), which period, grouped how, allocated how.</summary>
public sealed record ChargebackRequest(TenantScope Scope, ChargebackPeriod Period, IReadOnlyList<ChargebackKey> Keys, ChargebackAllocation? Allocation = null);
