using Hangfire;
using Microsoft.Extensions.Logging;

namespace SpendOps.Core.Alerts;

/// <summary>
/// The recurring delivery of alert notifications (<c>Jobs:AlertDispatch</c>), also started right after new alerts
/// are saved (<see cref="AlertDispatchWakeup"/>). All the work is in <see cref="AlertDispatcher"/>.
/// </summary>
internal sealed partial class AlertDispatchJob(AlertDispatcher dispatcher, ILogger<AlertDispatchJob> logger)
{
    public const string Id = "alert-dispatch";

    // No DisableConcurrentExecution: runs may overlap (a triggered run during a scheduled one, or runs on two instances),
    // because each delivery is claimed atomically; a lock would only make a triggered run wait or be dropped. A failed
    // run is not retried by Hangfire: the next run, seconds away, finds the same due deliveries.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await dispatcher.DispatchDueAsync(cancellationToken);
            if (result.Claimed > 0)
                LogRun(logger, result.Sent, result.Retrying, result.Failed);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, e);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert dispatch: {Sent} sent, {Retrying} to retry, {Failed} failed for good")]
    private static partial void LogRun(ILogger logger, int sent, int retrying, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert dispatch run failed; the next run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
