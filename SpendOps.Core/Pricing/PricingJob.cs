using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using SpendOps.Core.Jobs;

namespace SpendOps.Core.Pricing;

/// <summary>The scheduled pricing enrichment (<c>Jobs:Pricing</c>); all the work is in <see cref="PricingRunner"/>.</summary>
[DisallowConcurrentExecution]
internal sealed partial class PricingJob(PricingRunner runner, IOptionsMonitor<JobsOptions> options, PricingMetrics metrics, ILogger<PricingJob> logger) : IJob
{
    public const string Name = "pricing";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (!options.CurrentValue.Pricing.Enabled)
            return;
        try
        {
            var result = await runner.RunOnceAsync(cancellationToken);
            if (result.Examined > 0)
                LogRun(logger, result.Examined, result.Priced, result.Unpriced, result.NotBillable);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: the records stay pending and the next run picks them up.
        }
        catch (Exception e)
        {
            // Logged and counted, not rethrown: one failed run (a locked database, a bad row) must not stop the schedule.
            metrics.RecordFailure();
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pricing run: {Examined} records examined, {Priced} priced, {Unpriced} unpriced, {NotBillable} not billable")]
    private static partial void LogRun(ILogger logger, int examined, int priced, int unpriced, int notBillable);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pricing run failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
