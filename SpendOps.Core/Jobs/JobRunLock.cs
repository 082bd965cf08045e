using System.Reflection;
using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;

namespace SpendOps.Core.Jobs;

/// <summary>
/// The lock that keeps two runs of a job apart: the distributed lock <see cref="DisableConcurrentExecutionAttribute"/>
/// takes in Hangfire's storage, under the same resource name, so a run started elsewhere (<c>jobs run</c>) and the
/// server's scheduled run exclude each other. On SQLite, where the storage is in memory and so private to a process,
/// a lock file beside the database (<see cref="SqliteJobLockFile"/>) is taken too.
/// </summary>
internal sealed class JobRunLock(JobStorage storage, SqliteJobLockFile lockFile)
{
    /// <summary>
    /// The resource <see cref="DisableConcurrentExecutionAttribute"/> locks for a job declared without a resource
    /// format, or null when the job's method has no such attribute and its runs may overlap. Hangfire builds it as
    /// <c>$"{job.Type.ToGenericTypeString()}.{job.Method.Name}"</c> (DisableConcurrentExecutionAttribute.GetResource),
    /// with an internal <c>ToGenericTypeString</c> that, for a non-generic class, is its full name without the
    /// namespace and with '.' for '+': <c>UsageRollupJob.RunAsync</c>. Our jobs are non-generic classes.
    /// </summary>
    public static string? ResourceOf(Job job)
    {
        if (job.Method.GetCustomAttribute<DisableConcurrentExecutionAttribute>() is null)
            return null;
        if (job.Type.IsGenericType)
            throw new InvalidOperationException($"{job.Type} is generic: Hangfire names its lock after the type arguments too.");
        var name = job.Type.FullName!;
        var typeName = string.IsNullOrEmpty(job.Type.Namespace) ? name : name[(job.Type.Namespace.Length + 1)..];
        return $"{typeName.Replace('+', '.')}.{job.Method.Name}";
    }

    /// <summary>
    /// Holds the job's lock until disposed, waiting at most <paramref name="timeout"/> for a run elsewhere to finish;
    /// throws <see cref="DistributedLockTimeoutException"/> when it does not. Nothing to hold for a job without a lock.
    /// </summary>
    public IDisposable Acquire(Job job, TimeSpan timeout)
    {
        if (ResourceOf(job) is not { } resource)
            return new Held([]);
        var connection = storage.GetConnection();
        try
        {
            var distributed = connection.AcquireDistributedLock(resource, timeout);
            try
            {
                return new Held([lockFile.Acquire(resource, timeout), distributed, connection]);
            }
            catch
            {
                distributed.Dispose();
                throw;
            }
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private sealed class Held(IReadOnlyList<IDisposable?> parts) : IDisposable
    {
        public void Dispose()
        {
            foreach (var part in parts)
                part?.Dispose();
        }
    }
}
