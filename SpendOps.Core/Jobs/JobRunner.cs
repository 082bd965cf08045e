using System.Diagnostics;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace SpendOps.Core.Jobs;

/// <summary>
/// Runs one recurring job once, now, in this process (<c>jobs run ID</c>): the same method the server's schedule calls,
/// in its own DI scope, under the job's lock (<see cref="JobRunLock"/>) so it never overlaps the server's run.
/// </summary>
internal sealed class JobRunner(JobRunLock jobLock, IServiceScopeFactory scopes)
{
    /// <summary>
    /// Waits at most <paramref name="lockWait"/> for a run elsewhere to finish, then throws
    /// <see cref="DistributedLockTimeoutException"/>; a failure of the job itself is thrown as it is.
    /// </summary>
    public async Task<JobRun> RunAsync(RecurringJobDefinition definition, TimeSpan lockWait, CancellationToken cancellationToken)
    {
        using var held = jobLock.Acquire(definition.Job, lockWait);
        await using var scope = scopes.CreateAsyncScope();
        var job = scope.ServiceProvider.GetRequiredService(definition.Job.Type);
        var started = Stopwatch.GetTimestamp();
        // Every recurring job's method takes the cancellation token only (RecurringJobDefinition.For's expression).
        var task = (Task)definition.Job.Method.Invoke(job, [cancellationToken])!;
        await task;
        // A job that says what it did returns it (Task<T>); the declared type tells, since a plain async Task is a
        // Task<VoidTaskResult> at run time.
        var result = definition.Job.Method.ReturnType.IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
        return new JobRun(Stopwatch.GetElapsedTime(started), result);
    }
}
