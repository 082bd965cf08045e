using SpendOps.Core.Data;

namespace SpendOps.Core.Audit;

/// <summary>Adds audit entries to the caller's unit of work, so they are saved with the change they describe.</summary>
public sealed class AuditLog(SpendOpsDbContext db, TimeProvider clock)
{
    public void Record(Guid? tenantId, string actor, string action, string entityType, string? entityId, string? details = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            TenantId = tenantId,
            At = clock.GetUtcNow(),
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Details = details,
        });
}
