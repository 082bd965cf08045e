using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Usage;

/// <summary>One record by request id, only if it belongs to the tenant: another tenant's id reads as not found.</summary>
public static class UsageRecordLookup
{
    public static Task<UsageRecord?> FindAsync(SpendOpsDbContext db, Guid tenantId, string requestId, CancellationToken cancellationToken) =>
        db.UsageRecords.AsNoTracking().FirstOrDefaultAsync(r => r.RequestId == requestId && r.TenantId == tenantId, cancellationToken);
}
