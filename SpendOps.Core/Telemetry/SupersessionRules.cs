using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core.Telemetry;

/// <summary>
/// Keeps one spend from being counted twice when two sources describe it (see <c>SpendOps.Proxy/Telemetry/README.md</c>):
/// <list type="number">
/// <item>a proxy record (measured) wins over a telemetry <c>api_request</c> record with the same upstream request id;</item>
/// <item>within a connection, <c>api_request</c> records (one per call, idempotent) win over metric-derived records of the
/// same session, but only records of the same sender: the same ingest key and the same install (<c>user.id</c>).
/// Telemetry is whatever its sender claims, so an ingest key holder who copies someone else's session id must
/// not be able to retire their spend.</item>
/// </list>
/// The loser is kept with <see cref="UsageRecord.Superseded"/> set, whichever record arrived first, and an audit
/// entry (<see cref="SupersessionAudit"/>) says what superseded it.
/// </summary>
public static class SupersessionRules
{
    /// <summary>
    /// Call before inserting proxy records: clears <see cref="UsageRecord.UpstreamIdIndexed"/> on those of tenants without
    /// a telemetry connection (one query for the batch), so their upstream ids stay out of the index nothing will look
    /// them up in.
    /// </summary>
    public static async Task LeaveUnpairableOutOfIndexAsync(SpendOpsDbContext db, IReadOnlyCollection<UsageRecord> proxyRecords, CancellationToken cancellationToken)
    {
        var tenants = proxyRecords.Where(r => r.Source == UsageSource.Proxy).Select(r => r.TenantId).Distinct().ToList();
        if (tenants.Count == 0)
            return;
        var withTelemetry = (await db.TelemetryConnections.Where(c => tenants.Contains(c.TenantId)).Select(c => c.TenantId).Distinct()
            .ToListAsync(cancellationToken)).ToHashSet();
        foreach (var record in proxyRecords)
        {
            if (record.Source == UsageSource.Proxy && !withTelemetry.Contains(record.TenantId))
                record.UpstreamIdIndexed = false;
        }
    }

    /// <inheritdoc cref="ApplyForProxyRecordsAsync(SpendOpsDbContext, IReadOnlyCollection{UsageRecord}, TimeProvider, CancellationToken)"/>
    public static Task<int> ApplyForProxyRecordsAsync(SpendOpsDbContext db, IReadOnlyCollection<UsageRecord> proxyRecords, CancellationToken cancellationToken) =>
        ApplyForProxyRecordsAsync(db, proxyRecords, TimeProvider.System, cancellationToken);

    /// <summary>
    /// Call after inserting proxy records (in the same transaction or right after): marks telemetry records of the
    /// same tenant whose <see cref="UsageRecord.UpstreamRequestId"/> matches one of them as superseded, and audits
    /// each. Returns how many telemetry records were marked. Records left out of the upstream id index (tenants without
    /// a telemetry connection, <see cref="LeaveUnpairableOutOfIndexAsync"/>) are not looked up: nothing can match them.
    /// </summary>
    public static async Task<int> ApplyForProxyRecordsAsync(SpendOpsDbContext db, IReadOnlyCollection<UsageRecord> proxyRecords, TimeProvider clock, CancellationToken cancellationToken)
    {
        var marked = 0;
        var byTenant = proxyRecords
            .Where(r => r.Source == UsageSource.Proxy && r.UpstreamIdIndexed && !string.IsNullOrEmpty(r.UpstreamRequestId))
            .GroupBy(r => r.TenantId);
        foreach (var group in byTenant)
        {
            var tenantId = group.Key;
            var byUpstreamId = group.GroupBy(r => r.UpstreamRequestId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().RequestId, StringComparer.Ordinal);
            var upstreamIds = byUpstreamId.Keys.ToList();
            var losers = await db.UsageRecords
                .Where(r => r.TenantId == tenantId && r.Source == UsageSource.Telemetry && !r.Superseded
                    && r.UpstreamIdIndexed && r.UpstreamRequestId != null && upstreamIds.Contains(r.UpstreamRequestId))
                .Select(r => new SupersededRecord(r.Id, r.RequestId, r.UpstreamRequestId))
                .ToListAsync(cancellationToken);
            if (losers.Count == 0)
                continue;
            marked += await MarkAsync(db, losers, cancellationToken);
            foreach (var loser in losers)
                SupersessionAudit.ByProxyRecord(db, tenantId, clock.GetUtcNow(), loser.RequestId, byUpstreamId[loser.UpstreamRequestId!]);
            await db.SaveChangesAsync(cancellationToken);
        }
        return marked;
    }

    /// <summary>The upstream request ids among <paramref name="upstreamIds"/> that a proxy record of the tenant already has, with that record's request id.</summary>
    internal static async Task<Dictionary<string, string>> ProxiedRequestIdsAsync(SpendOpsDbContext db, Guid tenantId, IReadOnlyCollection<string> upstreamIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (upstreamIds.Count == 0)
            return result;
        var found = await db.UsageRecords
            .Where(r => r.TenantId == tenantId && r.Source == UsageSource.Proxy && r.UpstreamIdIndexed && r.UpstreamRequestId != null && upstreamIds.Contains(r.UpstreamRequestId))
            .Select(r => new { r.UpstreamRequestId, r.RequestId })
            .ToListAsync(cancellationToken);
        foreach (var record in found)
            result.TryAdd(record.UpstreamRequestId!, record.RequestId);
        return result;
    }

    /// <summary>
    /// The (session, install) pairs among <paramref name="sessionIds"/> that already have <c>api_request</c> records on
    /// the connection sent with <paramref name="ingestKeyId"/>. Install is null for events sent without <c>user.id</c>.
    /// </summary>
    internal static async Task<HashSet<SenderSession>> SessionsWithEventsAsync(SpendOpsDbContext db, Guid connectionId, string ingestKeyId,
        IReadOnlyCollection<string> sessionIds, CancellationToken cancellationToken)
    {
        if (sessionIds.Count == 0)
            return [];
        var found = await EventRecords(db, connectionId, ingestKeyId)
            .Where(r => db.UsageDimensions.Where(d => d.Name == ClaudeCodeUsage.SessionDimension && sessionIds.Contains(d.Value)).Select(d => d.UsageRecordId).Contains(r.Id))
            .Select(r => new SenderSession(
                r.DimensionRows.Where(d => d.Name == ClaudeCodeUsage.SessionDimension).Select(d => d.Value).First(),
                r.DimensionRows.Where(d => d.Name == ClaudeCodeUsage.InstallDimension).Select(d => d.Value).FirstOrDefault()))
            .Distinct()
            .ToListAsync(cancellationToken);
        return [.. found];
    }

    /// <summary>
    /// For metrics sent without a session id: the earliest <c>api_request</c> record time of each install
    /// (<c>user.id</c>) on the connection, sent with the same ingest key. Metric increments of that install from then on are covered by events.
    /// </summary>
    internal static async Task<Dictionary<string, DateTimeOffset>> FirstEventTimeByInstallAsync(SpendOpsDbContext db, Guid connectionId, string ingestKeyId,
        IReadOnlyCollection<string> installIds, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var install in installIds)
        {
            var first = await EventRecords(db, connectionId, ingestKeyId)
                .Where(r => WithDimension(db, ClaudeCodeUsage.InstallDimension, install).Contains(r.Id))
                .OrderBy(r => r.Timestamp)
                .Select(r => (DateTimeOffset?)r.Timestamp)
                .FirstOrDefaultAsync(cancellationToken);
            if (first is { } at)
                result[install] = at;
        }
        return result;
    }

    /// <summary>
    /// Marks the metric-derived records of one sender's session as superseded: its events arrived. Only records
    /// sent with the same ingest key and install (<paramref name="installId"/>; null: records without one) are touched.
    /// </summary>
    internal static async Task<List<SupersededRecord>> SupersedeSessionMetricsAsync(SpendOpsDbContext db, Guid connectionId, string ingestKeyId,
        SenderSession session, CancellationToken cancellationToken)
    {
        var records = MetricRecords(db, connectionId, ingestKeyId)
            .Where(r => WithDimension(db, ClaudeCodeUsage.SessionDimension, session.SessionId).Contains(r.Id));
        records = session.InstallId is { } install
            ? records.Where(r => WithDimension(db, ClaudeCodeUsage.InstallDimension, install).Contains(r.Id))
            : records.Where(r => !r.DimensionRows.Any(d => d.Name == ClaudeCodeUsage.InstallDimension));
        var losers = await records.Select(r => new SupersededRecord(r.Id, r.RequestId, null)).ToListAsync(cancellationToken);
        await MarkAsync(db, losers, cancellationToken);
        return losers;
    }

    /// <summary>Marks session-less metric records of an install sent with the same ingest key, from <paramref name="from"/> on, as superseded by its events.</summary>
    internal static async Task<List<SupersededRecord>> SupersedeInstallMetricsAsync(SpendOpsDbContext db, Guid connectionId, string ingestKeyId, string installId,
        DateTimeOffset from, CancellationToken cancellationToken)
    {
        var losers = await MetricRecords(db, connectionId, ingestKeyId)
            .Where(r => WithDimension(db, ClaudeCodeUsage.InstallDimension, installId).Contains(r.Id))
            .Where(r => r.Timestamp >= from && !r.DimensionRows.Any(d => d.Name == ClaudeCodeUsage.SessionDimension))
            .Select(r => new SupersededRecord(r.Id, r.RequestId, null))
            .ToListAsync(cancellationToken);
        await MarkAsync(db, losers, cancellationToken);
        return losers;
    }

    private static async Task<int> MarkAsync(SpendOpsDbContext db, List<SupersededRecord> records, CancellationToken cancellationToken)
    {
        var marked = 0;
        foreach (var chunk in records.Select(r => r.Id).Chunk(500))
        {
            marked += await db.UsageRecords.Where(r => chunk.Contains(r.Id) && !r.Superseded)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Superseded, true), cancellationToken);
            // The statement bypasses the change tracker, so the hours it changed are marked for the rollups here.
            var hours = await db.UsageRecords.Where(r => chunk.Contains(r.Id)).Select(r => new { r.TenantId, r.Timestamp }).ToListAsync(cancellationToken);
            db.RollupDirtyHours.AddRange(RollupMarks.For(hours.Select(h => (h.TenantId, h.Timestamp))));
            await db.SaveChangesAsync(cancellationToken);
        }
        return marked;
    }

    /// <summary>
    /// Ids of records with a session or install id. Queries start from here (that dimension's index of values) so they
    /// touch a session's few records instead of scanning the usage table. The name is a constant in the SQL, as in the
    /// index's filter: SQL Server uses a filtered index only for a literal, PostgreSQL's generic plans likewise.
    /// </summary>
    private static IQueryable<long> WithDimension(SpendOpsDbContext db, string name, string value) =>
        db.UsageDimensions.Where(d => d.Name == EF.Constant(name) && d.Value == value).Select(d => d.UsageRecordId);

    private static IQueryable<UsageRecord> EventRecords(SpendOpsDbContext db, Guid connectionId, string ingestKeyId) =>
        db.UsageRecords.Where(r => r.ConnectionId == connectionId && r.ApiKeyId == ingestKeyId && r.Source == UsageSource.Telemetry
            && r.Endpoint == ClaudeCodeUsage.ApiRequestEndpoint);

    private static IQueryable<UsageRecord> MetricRecords(SpendOpsDbContext db, Guid connectionId, string ingestKeyId) =>
        db.UsageRecords.Where(r => r.ConnectionId == connectionId && r.ApiKeyId == ingestKeyId && r.Source == UsageSource.Telemetry
            && r.Endpoint == ClaudeCodeUsage.MetricsEndpoint && !r.Superseded);
}
