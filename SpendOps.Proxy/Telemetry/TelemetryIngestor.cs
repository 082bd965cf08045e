using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Telemetry.Mapping;

namespace SpendOps.Proxy.Telemetry;

/// <summary>
/// Writes one export request: the raw batch, its new usage records (deduplicated by their deterministic ids),
/// the cumulative series state and the supersession marks, all in one transaction, before the endpoint answers
/// 202, so an accepted record is never lost. A write conflict with another instance (the same series or the same
/// record at once) rolls back and runs the whole batch again against the now-committed state.
/// </summary>
internal sealed partial class TelemetryIngestor(SpendOpsDbContext db, TimeProvider clock, ILogger<TelemetryIngestor> logger)
{
    private const int MaxAttempts = 4;

    public async Task<TelemetryIngestResult> IngestAsync(TelemetryIngestRequest request, CancellationToken cancellationToken)
    {
        // Everything that needs no database is worked out before the transaction: on SQLite the transaction holds
        // the database's only write lock, so it must cover the insert and nothing else.
        var now = clock.GetUtcNow();
        var context = new TelemetryMappingContext(request.ConnectionId, request.TenantId, request.IngestKeyId, now);
        MetricsToMap? metrics = null;
        if (request.Metrics is not null)
        {
            var samples = ClaudeCodeMetricReader.Read(request.Metrics, out var unspecified);
            if (unspecified > 0)
                LogUnspecifiedTemporality(logger, request.ConnectionId, unspecified);
            metrics = new MetricsToMap(samples, ClaudeCodeMetricMapper.DimensionsByGroup(samples));
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Events are mapped again for each attempt: a failed save leaves its entities unusable.
                var events = request.Logs is not null ? ClaudeCodeEventMapper.Map(request.Logs, context) : null;
                return await WriteAsync(request, context, events, metrics, cancellationToken);
            }
            catch (Exception e) when (e is DbUpdateException or DbException && attempt < MaxAttempts && !cancellationToken.IsCancellationRequested)
            {
                db.ChangeTracker.Clear();
                LogRetry(logger, request.ConnectionId, attempt, e.GetType().Name);
            }
        }
    }

    /// <summary>Keeps a batch that was answered 400, so what the sender got wrong can be seen. Best effort: a failure is logged, not thrown.</summary>
    public async Task StoreRejectedAsync(Guid connectionId, Guid tenantId, IngestKey key, TelemetrySignal signal, string contentType, string? contentEncoding,
        long wireBytes, long decodedBytes, string body, TelemetryBodyFormat format, string error, CancellationToken cancellationToken)
    {
        try
        {
            db.TelemetryBatches.Add(new TelemetryBatch
            {
                TenantId = tenantId,
                ConnectionId = connectionId,
                IngestKeyId = key.Id,
                Signal = signal,
                ContentType = Truncate(contentType, 128)!,
                ContentEncoding = Truncate(contentEncoding, 32),
                ReceivedAt = clock.GetUtcNow(),
                ByteSize = wireBytes,
                DecodedByteSize = decodedBytes,
                Body = body,
                BodyFormat = format,
                Outcome = TelemetryBatchOutcome.Rejected,
                Error = Truncate(new string(error.Where(c => !char.IsControl(c)).ToArray()), 1000),
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or DbException)
        {
            db.ChangeTracker.Clear();
            LogRejectedNotStored(logger, e, connectionId);
        }
    }

    private async Task<TelemetryIngestResult> WriteAsync(TelemetryIngestRequest request, TelemetryMappingContext context, List<UsageRecord>? events,
        MetricsToMap? metrics, CancellationToken cancellationToken)
    {
        var now = context.ReceivedAt;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var candidates = events ?? await MapMetricsAsync(request, metrics!, context, cancellationToken);

        var ids = candidates.Select(r => r.RequestId).Distinct().ToList();
        var existing = ids.Count == 0
            ? []
            : (await db.UsageRecords.Where(r => ids.Contains(r.RequestId)).Select(r => r.RequestId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(existing, StringComparer.Ordinal);
        var fresh = candidates.Where(r => seen.Add(r.RequestId)).ToList();

        var superseded = await TelemetrySupersession.MarkOnArrivalAsync(db, request, fresh, now, cancellationToken);

        db.UsageRecords.AddRange(fresh);
        var batch = new TelemetryBatch
        {
            TenantId = request.TenantId,
            ConnectionId = request.ConnectionId,
            IngestKeyId = request.IngestKeyId,
            Signal = request.Signal,
            ContentType = Truncate(request.ContentType, 128)!,
            ContentEncoding = Truncate(request.ContentEncoding, 32),
            ReceivedAt = now,
            ByteSize = request.WireBytes,
            DecodedByteSize = request.DecodedBytes,
            Body = request.StoredBody,
            BodyFormat = request.BodyFormat,
            BodyRedacted = request.BodyRedacted,
            RecordCount = request.Logs?.RecordCount ?? request.Metrics?.RecordCount ?? 0,
            UsageRecordCount = fresh.Count,
            Outcome = TelemetryBatchOutcome.Accepted,
        };
        db.TelemetryBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);

        if (request.Logs is not null)
            superseded += await TelemetrySupersession.SupersedeMetricsCoveredByAsync(db, request, fresh, batch.Id, now, cancellationToken);
        await db.TelemetryConnections.Where(c => c.Id == request.ConnectionId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastReceivedAt, now), cancellationToken);
        await db.IngestKeys.Where(k => k.Id == request.IngestKeyId)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        return new TelemetryIngestResult(batch.Id, batch.RecordCount, fresh.Count, candidates.Count - fresh.Count, superseded);
    }

    /// <summary>The cumulative points need the series' stored last values, so only this step runs in the transaction.</summary>
    private async Task<List<UsageRecord>> MapMetricsAsync(TelemetryIngestRequest request, MetricsToMap metrics, TelemetryMappingContext context, CancellationToken cancellationToken)
    {
        var (samples, dimensions) = metrics;
        var now = context.ReceivedAt;
        var seriesKeys = samples.Where(s => s.Temporality == Otlp.OtlpTemporality.Cumulative).Select(s => s.SeriesKey).Distinct().ToList();
        var states = seriesKeys.Count == 0
            ? []
            : await db.TelemetrySeriesStates
                .Where(s => s.ConnectionId == request.ConnectionId && seriesKeys.Contains(s.SeriesKey))
                .ToDictionaryAsync(s => s.SeriesKey, StringComparer.Ordinal, cancellationToken);
        var tracker = new CumulativeSeriesTracker(request.ConnectionId, states, now);
        var increments = tracker.Increments(samples);
        db.TelemetrySeriesStates.AddRange(tracker.Added);
        return ClaudeCodeMetricMapper.Map(increments, dimensions, context);
    }

    private sealed record MetricsToMap(List<MetricSample> Samples, Dictionary<string, Dictionary<string, string>> Dimensions);

    private static string? Truncate(string? value, int max) => value is not null && value.Length > max ? value[..max] : value;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telemetry batch for connection {ConnectionId} hit a write conflict (attempt {Attempt}, {Error}); retrying")]
    private static partial void LogRetry(ILogger logger, Guid connectionId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telemetry batch for connection {ConnectionId} had {Count} cost/token points without aggregation temporality; read as delta")]
    private static partial void LogUnspecifiedTemporality(ILogger logger, Guid connectionId, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store a rejected telemetry batch for connection {ConnectionId}")]
    private static partial void LogRejectedNotStored(ILogger logger, Exception exception, Guid connectionId);
}
