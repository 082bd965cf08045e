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
    /// <summary>
    /// Rows deleted per statement. Each statement is its own transaction, so a year of backlog (or a first run after
    /// retention was shortened) never holds SQLite's single write lock for more than one short delete: the usage
    /// writer and the ingest endpoints get the lock between batches.
    /// </summary>
    public const int BatchSize = 5_000;

    public static Task<TelemetryPurgeResult> PurgeAsync(SpendOpsDbContext db, DateTimeOffset now, TelemetryIngestOptions options, CancellationToken cancellationToken) =>
        PurgeAsync(db, now, options, BatchSize, cancellationToken);

    internal static async Task<TelemetryPurgeResult> PurgeAsync(SpendOpsDbContext db, DateTimeOffset now, TelemetryIngestOptions options, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var batchCutoff = now.AddDays(-options.RawBatchRetentionDays);
        var seriesCutoff = now.AddDays(-options.SeriesStateRetentionDays);
        var batches = await DeleteInBatchesAsync(db.TelemetryBatches.Where(b => b.ReceivedAt < batchCutoff), b => b.Id, batchSize, cancellationToken);
        var series = await DeleteInBatchesAsync(db.TelemetrySeriesStates.Where(s => s.UpdatedAt < seriesCutoff), s => s.Id, batchSize, cancellationToken);
        return new TelemetryPurgeResult(batches, series);
    }

    /// <summary>
    /// Deletes the oldest ids first, <paramref name="batchSize"/> rows per statement, until a statement deletes fewer:
    /// then nothing past the cutoff is left (rows that expire meanwhile wait for the next run).
    /// </summary>
    private static async Task<int> DeleteInBatchesAsync<T>(IQueryable<T> expired, System.Linq.Expressions.Expression<Func<T, long>> id, int batchSize, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var deleted = await expired.OrderBy(id).Take(batchSize).ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < batchSize)
                return total;
        }
    }
}
