using Hangfire;
using Microsoft.Extensions.Logging;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>Rebuilds the hours that changed (<see cref="UsageRollupBuilder"/>) on the <c>Jobs:Rollups</c> schedule.</summary>
internal sealed partial class UsageRollupJob(UsageRollupBuilder builder, ILogger<UsageRollupJob> logger)
{
    public const string Id = "usage-rollups";

    // One run at a time across instances: two runs rebuilding the same hour would each insert its rollups.
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task<UsageRollupResult> RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await builder.RunAsync(cancellationToken);
            if (result.Backfilled || result.HoursRebuilt + result.RetainedHoursMerged > 0)
                LogRolledUp(logger, result.HoursRebuilt, result.RetainedHoursMerged, result.Backfilled, result.HoursLeft);
            return result;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Logged here, then rethrown so Hangfire records the failure; the marks stay, so the next run does the work.
            LogFailed(logger, e);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rollups: {Hours} hours rebuilt, {Merged} retained hours merged (older records marked: {Backfilled}; hours left for the next run: {HoursLeft})")]
    private static partial void LogRolledUp(ILogger logger, int hours, int merged, bool backfilled, bool hoursLeft);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rollup run failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
