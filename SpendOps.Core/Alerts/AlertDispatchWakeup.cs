using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Jobs;

namespace SpendOps.Core.Alerts;

/// <summary>
/// Turns <see cref="AlertDispatchTrigger"/> pokes into an immediate run of <see cref="AlertDispatchJob"/>, enqueued in
/// Hangfire's storage so whichever instance runs jobs picks it up. Nothing is enqueued where the job is switched off
/// (<c>Jobs:Enabled</c> or <c>Jobs:AlertDispatch:Enabled</c>): nobody would run it.
/// </summary>
internal sealed partial class AlertDispatchWakeup(
    AlertDispatchTrigger trigger,
    IServiceProvider services,
    IOptionsMonitor<JobsOptions> jobs,
    ILogger<AlertDispatchWakeup> logger) : BackgroundService
{
    /// <summary>Pokes within this time of a run become the next run: a burst of alerts is one run, not one each.</summary>
    private static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await trigger.WaitAsync(stoppingToken))
            {
                await Task.Delay(Coalesce, stoppingToken);
                trigger.Consume();
                if (jobs.CurrentValue is not { Enabled: true, AlertDispatch.Enabled: true })
                    continue;
                try
                {
                    services.GetRequiredService<IBackgroundJobClient>().Enqueue<AlertDispatchJob>(job => job.RunAsync(CancellationToken.None));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The schedule still runs the job; this run only makes it sooner.
                    LogEnqueueFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not start an alert dispatch run early; the scheduled run will send the new notifications")]
    private static partial void LogEnqueueFailed(ILogger logger, Exception exception);
}
