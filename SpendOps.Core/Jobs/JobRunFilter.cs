using System.Diagnostics;
using Hangfire.Common;
using Hangfire.Server;
using Hangfire.Storage;

namespace SpendOps.Core.Jobs;

/// <summary>
/// Counts and times every job run of this instance's Hangfire server (<see cref="JobMetrics"/>). Given to the server
/// itself rather than added to Hangfire's process-wide filters: tests run several hosts in one process, and each host's
/// meters must count its own runs only.
/// </summary>
internal sealed class JobRunFilter(JobMetrics metrics) : IServerFilter
{
    private const string StartedKey = "spendops.started";

    public void OnPerforming(PerformingContext context) => context.Items[StartedKey] = Stopwatch.GetTimestamp();

    public void OnPerformed(PerformedContext context)
    {
        TimeSpan? elapsed = context.Items.TryGetValue(StartedKey, out var started) && started is long timestamp
            ? Stopwatch.GetElapsedTime(timestamp)
            : null;
        metrics.RecordRun(JobName(context.BackgroundJob.Job), Outcome(context), elapsed);
    }

    /// <summary>
    /// Found another instance's run of the same job under way (<c>[DisableConcurrentExecution]</c>): not a failure, that
    /// run does the work.
    /// </summary>
    private static string Outcome(PerformedContext context) => context.Exception switch
    {
        null => "succeeded",
        DistributedLockTimeoutException or { InnerException: DistributedLockTimeoutException } => "skipped",
        OperationCanceledException when context.Canceled => "canceled",
        _ when context.ExceptionHandled => "succeeded",
        _ => "failed",
    };

    /// <summary>The job's id (its public <c>Id</c> constant, as its recurring registration uses), else its class name.</summary>
    private static string JobName(Job? job)
    {
        if (job is null)
            return "unknown";
        return job.Type.GetField("Id")?.GetValue(null) as string ?? job.Type.Name;
    }
}
