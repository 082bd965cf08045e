using Hangfire.Server;

namespace SpendOps.Core.Jobs;

/// <summary>
/// The server's half of <see cref="SqliteJobLockFile"/>: a run of a job that takes a lock finds the lock file held by
/// <c>jobs run</c> and gives up at once, as a run finding another instance's lock does (counted as skipped by
/// <see cref="JobRunFilter"/>; its retry or the next occurrence does the work).
/// </summary>
internal sealed class SqliteJobLockFilter(SqliteJobLockFile lockFile) : IServerFilter
{
    private const string HeldKey = "spendops.sqlite-lock";

    public void OnPerforming(PerformingContext context)
    {
        if (JobRunLock.ResourceOf(context.BackgroundJob.Job) is { } resource && lockFile.Acquire(resource, TimeSpan.Zero) is { } held)
            context.Items[HeldKey] = held;
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(HeldKey, out var held))
            ((IDisposable)held).Dispose();
    }
}
