using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Audit;
using SpendOps.Core.Data;

namespace SpendOps.Core.Alerts;

/// <summary>Acknowledges alerts ("seen, someone is on it"), with an audit entry.</summary>
/// <remarks><c>tenantId</c> is the caller's tenant; null is passed explicitly by the admin command line, which works across tenants.</remarks>
public sealed class AlertService(SpendOpsDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<AlertEvent> AcknowledgeAsync(Guid id, Guid? tenantId, string actor, CancellationToken cancellationToken)
    {
        var alert = await db.AlertEvents.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (alert is null || (tenantId is not null && alert.TenantId != tenantId))
            throw new DomainException($"No alert with id '{id}'.");
        if (alert.AcknowledgedAt is not null)
            return alert;
        alert.AcknowledgedAt = clock.GetUtcNow();
        alert.AcknowledgedBy = actor;
        audit.Record(alert.TenantId, actor, "alert.acknowledged", "alert", alert.Id.ToString(), alert.BudgetName);
        await db.SaveChangesAsync(cancellationToken);
        return alert;
    }
}
