using Hangfire;
using Microsoft.Extensions.Logging;

namespace SpendOps.Core.Pricing;

/// <summary>
/// The recurring pricing enrichment (<c>Jobs:Pricing</c>); all the work is in <see cref="PricingRunner"/>. Hangfire
/// resolves the job in a new DI scope for every run.
/// </summary>
internal sealed partial class PricingJob(PricingRunner runner, PricingMetrics metrics, ILogger<PricingJob> logger)
{
    public const string Id = "pricing";

    // One run at a time across all instances (a distributed lock in Hangfire's storage). A run that finds the lock
    // taken gives up at once: the run holding it prices the same pending rows, and the next run is seconds away.
    // For the same reason a failed run is not retried but deleted (after it was logged): retries would only pile up
    // behind the schedule, and failed jobs every few seconds would bury the dashboard's failed list.
    [DisableConcurrentExecution(timeoutInSeconds: 0)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await runner.RunOnceAsync(cancellationToken);
            if (result.Examined > 0)
                LogRun(logger, result.Examined, result.Priced, result.Unpriced, result.NotBillable);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Logged and counted here, then rethrown so Hangfire records the run as failed; the schedule goes on.
            metrics.RecordFailure();
            LogFailed(logger, e);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pricing run: {Examined} records examined, {Priced} priced, {Unpriced} unpriced, {NotBillable} not billable")]
    private static partial void LogRun(ILogger logger, int examined, int priced, int unpriced, int notBillable);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pricing run failed; the next scheduled run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
