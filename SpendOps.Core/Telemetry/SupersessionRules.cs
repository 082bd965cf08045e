using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Telemetry;

/// <summary>
/// Keeps one spend from being counted twice when two sources describe it (see <c>SpendOps.Proxy/Telemetry/README.md</c>):
/// <list type="number">
/// <item>a proxy record (measured) wins over a telemetry <c>api_request</c> record with the same upstream request id;</item>
/// <item>within a connection, <c>api_request</c> records (one per call, idempotent) win over metric-derived records of the same session.</item>
/// </list>
/// The loser is kept with <see cref="UsageRecord.Superseded"/> set, whichever record arrived first.
/// </summary>
public static class SupersessionRules
{
    /// <summary>
    /// Call after inserting proxy records (in the same transaction or right after): marks telemetry records of the
    /// same tenant whose <see cref="UsageRecord.UpstreamRequestId"/> matches one of them as superseded.
    /// Returns how many telemetry records were marked.
    /// </summary>
    public static async Task<int> ApplyForProxyRecordsAsync(SpendOpsDbContext db, IReadOnlyCollection<UsageRecord> proxyRecords, CancellationToken cancellationToken)
    {
        var marked = 0;
        var byTenant = proxyRecords
            .Where(r => r.Source == UsageSource.Proxy && !string.IsNullOrEmpty(r.UpstreamRequestId))
            .GroupBy(r => r.TenantId);
        foreach (var group in byTenant)
        {
            var tenantId = group.Key;
            // Telemetry records only arrive through a connection, and connections are never deleted: a tenant that
            // has none (most proxy traffic) is answered by one index lookup instead of a probe per request id.
            if (!await db.TelemetryConnections.AnyAsync(c => c.TenantId == tenantId, cancellationToken))
                continue;
            var upstreamIds = group.Select(r => r.UpstreamRequestId!).Distinct(StringComparer.Ordinal).ToList();
            marked += await db.UsageRecords
                .Where(r => r.TenantId == tenantId && r.Source == UsageSource.Telemetry && !r.Superseded
                    && r.UpstreamRequestId != null && upstreamIds.Contains(r.UpstreamRequestId))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Superseded, true), cancellationToken);
        }
        return marked;
    }

    /// <summary>The upstream request ids among <paramref name="upstreamIds"/> that a proxy record of the tenant already has.</summary>
    internal static async Task<HashSet<string>> ProxiedRequestIdsAsync(SpendOpsDbContext db, Guid tenantId, IReadOnlyCollection<string> upstreamIds, CancellationToken cancellationToken)
    {
        if (upstreamIds.Count == 0)
            return [];
        var found = await db.UsageRecords
            .Where(r => r.TenantId == tenantId && r.Source == UsageSource.Proxy && r.UpstreamRequestId != null && upstreamIds.Contains(r.UpstreamRequestId))
            .Select(r => r.UpstreamRequestId!)
            .Distinct()
            .ToListAsync(cancellationToken);
        return found.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Sessions among <paramref name="sessionIds"/> that already have <c>api_request</c> records on the connection.</summary>
    internal static async Task<HashSet<string>> SessionsWithEventsAsync(SpendOpsDbContext db, Guid connectionId, IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken)
    {
        if (sessionIds.Count == 0)
            return [];
        var found = await db.UsageDimensions
            .Where(d => d.Name == ClaudeCodeUsage.SessionDimension && sessionIds.Contains(d.Value))
            .Where(d => db.UsageRecords.Any(r => r.Id == d.UsageRecordId && r.ConnectionId == connectionId
                && r.Source == UsageSource.Telemetry && r.Endpoint == ClaudeCodeUsage.ApiRequestEndpoint))
            .Select(d => d.Value)
            .Distinct()
            .ToListAsync(cancellationToken);
        return found.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// For metrics sent without a session id: the earliest <c>api_request</c> record time of each install
    /// (<c>user.id</c>) on the connection. Metric increments of that install from then on are covered by events.
    /// </summary>
    internal static async Task<Dictionary<string, DateTimeOffset>> FirstEventTimeByInstallAsync(SpendOpsDbContext db, Guid connectionId, IReadOnlyCollection<string> installIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var install in installIds)
        {
            var first = await db.UsageRecords
                .Where(r => WithDimension(db, ClaudeCodeUsage.InstallDimension, install).Contains(r.Id))
                .Where(r => r.ConnectionId == connectionId && r.Source == UsageSource.Telemetry && r.Endpoint == ClaudeCodeUsage.ApiRequestEndpoint)
                .OrderBy(r => r.Timestamp)
                .Select(r => (DateTimeOffset?)r.Timestamp)
                .FirstOrDefaultAsync(cancellationToken);
            if (first is { } at)
                result[install] = at;
        }
        return result;
    }

    /// <summary>Marks metric-derived records of these sessions as superseded: their events arrived.</summary>
    internal static Task<int> SupersedeSessionMetricsAsync(SpendOpsDbContext db, Guid connectionId, IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken) =>
        sessionIds.Count == 0
            ? Task.FromResult(0)
            : MetricRecords(db, connectionId)
                .Where(r => db.UsageDimensions.Where(d => d.Name == ClaudeCodeUsage.SessionDimension && sessionIds.Contains(d.Value)).Select(d => d.UsageRecordId).Contains(r.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Superseded, true), cancellationToken);

    /// <summary>Marks session-less metric records of an install, from <paramref name="from"/> on, as superseded by its events.</summary>
    internal static Task<int> SupersedeInstallMetricsAsync(SpendOpsDbContext db, Guid connectionId, string installId, DateTimeOffset from, CancellationToken cancellationToken) =>
        MetricRecords(db, connectionId)
            .Where(r => WithDimension(db, ClaudeCodeUsage.InstallDimension, installId).Contains(r.Id))
            .Where(r => r.Timestamp >= from && !r.DimensionRows.Any(d => d.Name == ClaudeCodeUsage.SessionDimension))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Superseded, true), cancellationToken);

    /// <summary>
    /// Ids of records with a dimension value. Queries start from here (the <c>(Name, Value)</c> index on dimension
    /// rows) so they touch a session's few records instead of scanning the usage table.
    /// </summary>
    private static IQueryable<long> WithDimension(SpendOpsDbContext db, string name, string value) =>
        db.UsageDimensions.Where(d => d.Name == name && d.Value == value).Select(d => d.UsageRecordId);

    private static IQueryable<UsageRecord> MetricRecords(SpendOpsDbContext db, Guid connectionId) =>
        db.UsageRecords.Where(r => r.ConnectionId == connectionId && r.Source == UsageSource.Telemetry
            && r.Endpoint == ClaudeCodeUsage.MetricsEndpoint && !r.Superseded);
}
