namespace SpendOps.Core.Chargeback;

/// <summary>One chargeback view: whose spend (null tenant: every tenant), which period, grouped how, allocated how.</summary>
public sealed record ChargebackRequest(Guid? TenantId, ChargebackPeriod Period, IReadOnlyList<ChargebackKey> Keys, ChargebackAllocation? Allocation = null);
