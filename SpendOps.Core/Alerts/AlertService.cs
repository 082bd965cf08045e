using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Audit;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Alerts;

/// <summary>Acknowledges alerts ("seen, someone is on it"), with an audit entry.</summary>
/// <remarks><c>scope</c> is the caller's tenant, or all tenants for the admin command line; an alert outside it is not found.</remarks>
public sealed class AlertService(SpendOpsDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<AlertEvent> AcknowledgeAsync(Guid id, TenantScope scope, string actor, CancellationToken cancellationToken)
    {
        var alert = await db.AlertEvents.InScope(scope).FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (alert is null)
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
