namespace SpendOps.Core.Alerts;

/// <summary>Which deliveries the log shows: always one tenant's; optionally one status.</summary>
public sealed record AlertDeliveryFilter(Guid TenantId, AlertDeliveryStatus? Status = null);
