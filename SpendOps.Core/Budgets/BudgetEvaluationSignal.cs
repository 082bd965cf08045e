using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Jobs;

namespace SpendOps.Core.Budgets;

/// <summary>
/// Lets the usage writer ask for an evaluation right after it stored spend, so a threshold crossed now alerts in
/// seconds rather than at the next scheduled run. <see cref="Notify"/> costs a clock read and a compare-exchange: at most
/// one evaluation is queued per <see cref="BudgetJobOptions.SignalSeconds"/>, and queuing it (a write to Hangfire's
/// storage) happens on the thread pool, so the writer never waits for it. Spend stored within the quiet period is
/// picked up by that evaluation if it has not started yet, else by the schedule.
/// </summary>
/// <remarks>Only instances that run jobs (<c>Jobs:Enabled</c>) queue evaluations; the others rely on the schedule.</remarks>
public sealed partial class BudgetEvaluationSignal(IServiceProvider services, IOptions<JobsOptions> options, TimeProvider clock, ILogger<BudgetEvaluationSignal> logger)
{
    private long nextAllowedTicks;

    /// <summary>Queues an evaluation unless one was queued within the quiet period; true when this call queued it.</summary>
    public bool Notify()
    {
        var jobs = options.Value;
        if (!jobs.Enabled || !jobs.Budgets.Enabled || jobs.Budgets.SignalSeconds == 0)
            return false;
        var now = clock.GetUtcNow().UtcTicks;
        var allowed = Interlocked.Read(ref nextAllowedTicks);
        if (now < allowed)
            return false;
        var next = now + TimeSpan.FromSeconds(jobs.Budgets.SignalSeconds).Ticks;
        if (Interlocked.CompareExchange(ref nextAllowedTicks, next, allowed) != allowed)
            return false; // Another thread claimed this slot.
        _ = Task.Run(Enqueue);
        return true;
    }

    private void Enqueue()
    {
        try
        {
            var client = (IBackgroundJobClient?)services.GetService(typeof(IBackgroundJobClient));
            client?.Enqueue<BudgetEvaluationJob>(job => job.RunAsync(CancellationToken.None));
        }
        catch (Exception ex)
        {
            LogEnqueueFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queuing a budget evaluation after new spend failed; the scheduled run evaluates budgets instead")]
    private static partial void LogEnqueueFailed(ILogger logger, Exception exception);
}
