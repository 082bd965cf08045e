using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Data;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core.Telemetry;

/// <summary>
/// Deletes raw telemetry batches past <c>Telemetry:RawBatchRetentionDays</c> (and stale series states), on the
/// <c>Jobs:Retention</c> schedule. Hangfire resolves the job in a new DI scope for every run.
/// </summary>
internal sealed partial class RetentionJob(
    IDbContextFactory<SpendOpsDbContext> contexts,
    IOptionsMonitor<TelemetryIngestOptions> telemetry,
    IOptionsMonitor<UsageRetentionOptions> usage,
    TimeProvider clock,
    ILogger<RetentionJob> logger)
{
    public const string Id = "retention";

    // One run at a time across instances; a purge still running an interval later makes the next run wait a minute
    // for it and then fail. Runs are hours apart, so a failed one is retried a few times (Hangfire's back-off,
    // from seconds to minutes) and then stays in the dashboard's failed list.
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var result = await TelemetryRetention.PurgeAsync(db, clock.GetUtcNow(), telemetry.CurrentValue, cancellationToken);
            if (result.BatchesDeleted + result.SeriesStatesDeleted > 0)
                LogPurged(logger, result.BatchesDeleted, result.SeriesStatesDeleted);
            var records = await UsageRecordRetention.PurgeAsync(db, clock.GetUtcNow(), usage.CurrentValue.RecordRetentionDays, cancellationToken);
            if (records.RecordsDeleted > 0)
                LogRecordsPurged(logger, records.RecordsDeleted, records.HoursRetained);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Logged here, then rethrown so Hangfire records the failure and retries; the next run deletes what this one left.
            LogFailed(logger, e);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Batches} raw telemetry batches and {Series} stale series states")]
    private static partial void LogPurged(ILogger logger, int batches, int series);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention: deleted {Records} per-call usage records of {Hours} rolled-up hours")]
    private static partial void LogRecordsPurged(ILogger logger, int records, int hours);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention run failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
