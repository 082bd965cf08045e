using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using SpendOps.Core.Data;
using SpendOps.Core.Jobs;

namespace SpendOps.Core.Telemetry;

/// <summary>Deletes raw telemetry batches past <c>Telemetry:RawBatchRetentionDays</c> (and stale series states).</summary>
[DisallowConcurrentExecution]
internal sealed partial class RetentionJob(
    IDbContextFactory<SpendOpsDbContext> contexts,
    IOptionsMonitor<JobsOptions> jobs,
    IOptionsMonitor<TelemetryIngestOptions> telemetry,
    TimeProvider clock,
    ILogger<RetentionJob> logger) : IJob
{
    public const string Name = "retention";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (!jobs.CurrentValue.Retention.Enabled)
            return;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var result = await TelemetryRetention.PurgeAsync(db, clock.GetUtcNow(), telemetry.CurrentValue, cancellationToken);
            if (result.BatchesDeleted + result.SeriesStatesDeleted > 0)
                LogPurged(logger, result.BatchesDeleted, result.SeriesStatesDeleted);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // One failed run must not stop the schedule; the next run deletes what this one left.
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Batches} raw telemetry batches and {Series} stale series states")]
    private static partial void LogPurged(ILogger logger, int batches, int series);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention run failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
