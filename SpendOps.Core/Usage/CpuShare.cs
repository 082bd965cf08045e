using System.Diagnostics;

namespace SpendOps.Core.Usage;

/// <summary>
/// Lets a thread doing long background work (the usage writer's batches) hand the CPU to waiting requests every
/// <see cref="Slice"/>. Server kernels commonly do not preempt a thread that is busy in user code (PREEMPT_NONE): a
/// request that became ready behind it waits for the next scheduler tick, up to 4 ms at 250 Hz, and that wait was most
/// of the proxy's p99 at one connection on a one-core host. A yield is a system call that returns at once when nothing
/// else is waiting.
/// </summary>
public static class CpuShare
{
    public static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(0.1);

    [ThreadStatic] private static bool sharing;
    [ThreadStatic] private static long sliceStart;

    /// <summary>
    /// Whether the calling thread offers the CPU from now on. Only its own synchronous work does: continuations of real
    /// asynchronous I/O run on thread-pool threads, which never yield.
    /// </summary>
    public static void ForThisThread(bool share)
    {
        sharing = share;
        sliceStart = Stopwatch.GetTimestamp();
    }

    /// <summary>Yields the CPU if this thread shares it and has run a whole slice since it last offered.</summary>
    public static void Offer()
    {
        if (!sharing || Stopwatch.GetElapsedTime(sliceStart) < Slice)
            return;
        Thread.Yield();
        sliceStart = Stopwatch.GetTimestamp();
    }
}
