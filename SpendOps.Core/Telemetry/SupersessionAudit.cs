using SpendOps.Core.Audit;
using SpendOps.Core.Data;

namespace SpendOps.Core.Telemetry;

/// <summary>
/// One audit entry per superseded usage record (action <see cref="Action"/>, entity id = the record's request id),
/// saying what superseded it, so a record that left the totals can always be traced to the record or batch, and
/// the ingest key, that took it out.
/// </summary>
internal static class SupersessionAudit
{
    public const string Action = "usage.superseded";
    public const string EntityType = "usage_record";
    public const string Actor = "system";

    public static void ByProxyRecord(SpendOpsDbContext db, Guid tenantId, DateTimeOffset at, string supersededRequestId, string proxyRequestId) =>
        Add(db, tenantId, at, supersededRequestId, $"Superseded by proxy record {proxyRequestId}: the same call (same upstream request id), measured.");

    public static void ByEvents(SpendOpsDbContext db, Guid tenantId, DateTimeOffset at, string supersededRequestId, string scope, long batchId, string ingestKeyId) =>
        Add(db, tenantId, at, supersededRequestId,
            $"Superseded by api_request events of {scope} in telemetry batch {batchId}, sent with ingest key {ingestKeyId}.");

    public static void ByEarlierEvents(SpendOpsDbContext db, Guid tenantId, DateTimeOffset at, string supersededRequestId, string scope, string ingestKeyId) =>
        Add(db, tenantId, at, supersededRequestId,
            $"Superseded on arrival: {scope} already has api_request events sent with ingest key {ingestKeyId}.");

    private static void Add(SpendOpsDbContext db, Guid tenantId, DateTimeOffset at, string requestId, string details) =>
        db.AuditEntries.Add(new AuditEntry
        {
            TenantId = tenantId,
            At = at,
            Actor = Actor,
            Action = Action,
            EntityType = EntityType,
            EntityId = requestId,
            Details = details,
        });
}
