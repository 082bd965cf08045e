using Hangfire;
using Microsoft.Extensions.Logging;

namespace SpendOps.Core.Budgets;

/// <summary>
/// The recurring alert evaluation (<c>Jobs:Budgets</c>), also queued by <see cref="BudgetEvaluationSignal"/> soon after
/// new spend is stored; all the work is in <see cref="BudgetEvaluator"/>. Hangfire resolves it in a new DI scope per run.
/// </summary>
internal sealed partial class BudgetEvaluationJob(BudgetEvaluator evaluator, BudgetMetrics metrics, ILogger<BudgetEvaluationJob> logger)
{
    public const string Id = "budgets";

    // One run at a time across all instances (a distributed lock in Hangfire's storage). A run that finds the lock taken
    // gives up at once: the running one is evaluating the same budgets, and the schedule or the next signal is near. The
    // unique index on alerts, not this lock, is what keeps an alert from firing twice. A failed run is logged and deleted
    // rather than retried, as for pricing: retries would pile up behind the schedule.
    [DisableConcurrentExecution(timeoutInSeconds: 0)]
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await evaluator.EvaluateAllAsync(cancellationToken);
            metrics.RecordRun(result);
            if (result.Raised > 0 || result.Failed > 0)
                LogRun(logger, result.Evaluated, result.Raised, result.Failed);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, e);
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Budget evaluation: {Evaluated} budgets, {Raised} alerts raised, {Failed} failed")]
    private static partial void LogRun(ILogger logger, int evaluated, int raised, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Budget evaluation failed; the next scheduled run tries again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
