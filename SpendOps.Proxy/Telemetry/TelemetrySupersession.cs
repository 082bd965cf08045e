using SpendOps.Core.Data;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Telemetry;

/// <summary>
/// Applies <see cref="SupersessionRules"/> to one telemetry batch inside its transaction. Events only ever retire
/// records of their own sender (same connection, ingest key and install), and every retired record gets an audit
/// entry naming what retired it.
/// </summary>
internal static class TelemetrySupersession
{
    /// <summary>Marks the batch's new records that another record already covers, before they are inserted.</summary>
    public static Task<int> MarkOnArrivalAsync(SpendOpsDbContext db, TelemetryIngestRequest request, List<UsageRecord> fresh, DateTimeOffset now, CancellationToken cancellationToken) =>
        request.Logs is not null
            ? MarkEventsAsync(db, request, fresh, now, cancellationToken)
            : MarkMetricsAsync(db, request, fresh, now, cancellationToken);

    /// <summary>New events take over from metric records of their sender's sessions (or install) that arrived earlier.</summary>
    public static async Task<int> SupersedeMetricsCoveredByAsync(SpendOpsDbContext db, TelemetryIngestRequest request, List<UsageRecord> freshEvents, long batchId,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var marked = 0;
        foreach (var session in freshEvents.Select(SessionOf).OfType<SenderSession>().Distinct())
        {
            var losers = await SupersessionRules.SupersedeSessionMetricsAsync(db, request.ConnectionId, request.IngestKeyId, session, cancellationToken);
            foreach (var loser in losers)
                SupersessionAudit.ByEvents(db, request.TenantId, now, loser.RequestId, Describe(session), batchId, request.IngestKeyId);
            marked += losers.Count;
        }
        foreach (var install in freshEvents.Where(r => Install(r) is not null).GroupBy(r => Install(r)!))
        {
            var losers = await SupersessionRules.SupersedeInstallMetricsAsync(db, request.ConnectionId, request.IngestKeyId, install.Key,
                install.Min(r => r.Timestamp), cancellationToken);
            foreach (var loser in losers)
                SupersessionAudit.ByEvents(db, request.TenantId, now, loser.RequestId, $"install {install.Key}", batchId, request.IngestKeyId);
            marked += losers.Count;
        }
        if (marked > 0)
            await db.SaveChangesAsync(cancellationToken);
        return marked;
    }

    /// <summary>An event whose request id a proxy record of the tenant already has is the same call, measured: superseded.</summary>
    private static async Task<int> MarkEventsAsync(SpendOpsDbContext db, TelemetryIngestRequest request, List<UsageRecord> fresh, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var upstreamIds = fresh.Where(r => r.UpstreamRequestId is not null).Select(r => r.UpstreamRequestId!).Distinct().ToList();
        var proxied = await SupersessionRules.ProxiedRequestIdsAsync(db, request.TenantId, upstreamIds, cancellationToken);
        var marked = 0;
        foreach (var record in fresh)
        {
            if (record.UpstreamRequestId is null || !proxied.TryGetValue(record.UpstreamRequestId, out var proxyRequestId))
                continue;
            record.Superseded = true;
            SupersessionAudit.ByProxyRecord(db, request.TenantId, now, record.RequestId, proxyRequestId);
            marked++;
        }
        return marked;
    }

    /// <summary>Metric records of a session (or, without a session id, an install) whose sender already sends events are superseded at once.</summary>
    private static async Task<int> MarkMetricsAsync(SpendOpsDbContext db, TelemetryIngestRequest request, List<UsageRecord> fresh, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sessions = fresh.Select(Session).OfType<string>().Distinct().ToList();
        var withEvents = await SupersessionRules.SessionsWithEventsAsync(db, request.ConnectionId, request.IngestKeyId, sessions, cancellationToken);
        var installs = fresh.Where(r => Session(r) is null).Select(Install).OfType<string>().Distinct().ToList();
        var firstEvents = await SupersessionRules.FirstEventTimeByInstallAsync(db, request.ConnectionId, request.IngestKeyId, installs, cancellationToken);
        var marked = 0;
        foreach (var record in fresh)
        {
            var session = SessionOf(record);
            var covered = session is not null
                ? withEvents.Contains(session)
                : Install(record) is { } install && firstEvents.TryGetValue(install, out var first) && first <= record.Timestamp;
            if (!covered)
                continue;
            record.Superseded = true;
            SupersessionAudit.ByEarlierEvents(db, request.TenantId, now, record.RequestId, session is not null ? Describe(session) : $"install {Install(record)}", request.IngestKeyId);
            marked++;
        }
        return marked;
    }

    private static SenderSession? SessionOf(UsageRecord record) => Session(record) is { } session ? new SenderSession(session, Install(record)) : null;

    private static string Describe(SenderSession session) => $"session {session.SessionId}";

    private static string? Session(UsageRecord record) => record.Dims.GetValueOrDefault(ClaudeCodeUsage.SessionDimension);

    private static string? Install(UsageRecord record) => record.Dims.GetValueOrDefault(ClaudeCodeUsage.InstallDimension);
}
