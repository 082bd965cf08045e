using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Telemetry;

/// <summary>
/// Deletes raw telemetry batches past <see cref="TelemetryIngestOptions.RawBatchRetentionDays"/> and cumulative
/// series state silent for <see cref="TelemetryIngestOptions.SeriesStateRetentionDays"/>. Usage records are
/// never touched. Meant for a scheduled job: idempotent, and cheap when there is nothing to delete.
/// </summary>
public static class TelemetryRetention
{
    public static async Task<TelemetryPurgeResult> PurgeAsync(SpendOpsDbContext db, DateTimeOffset now, TelemetryIngestOptions options, CancellationToken cancellationToken)
    {
        var batchCutoff = now.AddDays(-options.RawBatchRetentionDays);
        var seriesCutoff = now.AddDays(-options.SeriesStateRetentionDays);
        var batches = await db.TelemetryBatches.Where(b => b.ReceivedAt < batchCutoff).ExecuteDeleteAsync(cancellationToken);
        var series = await db.TelemetrySeriesStates.Where(s => s.UpdatedAt < seriesCutoff).ExecuteDeleteAsync(cancellationToken);
        return new TelemetryPurgeResult(batches, series);
    }
}
