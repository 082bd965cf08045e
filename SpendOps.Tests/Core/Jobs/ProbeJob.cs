using System.Collections.Concurrent;
using Hangfire.Server;

namespace SpendOps.Tests.Core.Jobs;

/// <summary>A test-only recurring job that reports every execution: the occurrence it was scheduled for and the server that ran it.</summary>
public sealed class ProbeJob(ProbeJob.Runs runs)
{
    public const string Id = "test-probe";

    /// <summary>Hangfire passes the run's context in place of the null in the registered expression.</summary>
    public void Run(PerformContext context) =>
        runs.Add(context.GetJobParameter<long>("Time"), context.ServerId);

    /// <summary>Executions reported by the probes of every host in the test (one instance shared by all of them).</summary>
    public sealed class Runs
    {
        private readonly ConcurrentQueue<(long Time, string Server)> executions = new();
        private readonly SemaphoreSlim added = new(0);

        public IReadOnlyList<(long Time, string Server)> All => [.. executions];

        public void Add(long time, string server)
        {
            executions.Enqueue((time, server));
            added.Release();
        }

        /// <summary>Waits until <paramref name="count"/> executions were reported, or fails after <paramref name="timeout"/>.</summary>
        public async Task WaitForAsync(int count, TimeSpan timeout)
        {
            using var deadline = new CancellationTokenSource(timeout);
            while (executions.Count < count)
            {
                try
                {
                    await added.WaitAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"{executions.Count} of {count} probe runs within {timeout}.");
                }
            }
        }
    }
}
