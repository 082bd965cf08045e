using System.Diagnostics.Metrics;

namespace SpendOps.Proxy.Usage;

/// <summary>Counters of the usage write path; also readable in-process (health endpoint, tests).</summary>
public sealed class UsageMetrics
{
    private readonly Counter<long> queued;
    private readonly Counter<long> written;
    private readonly Counter<long> spilled;
    private readonly Counter<long> failed;
    private readonly Counter<long> rejected;
    private readonly Counter<long> lost;
    private long queuedTotal, writtenTotal, spilledTotal, failedTotal, rejectedTotal, lostTotal;

    public UsageMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create("SpendOps.Usage");
        queued = meter.CreateCounter<long>("spendops.usage.queued", description: "Usage records accepted into the in-memory queue");
        written = meter.CreateCounter<long>("spendops.usage.written", description: "Usage records written to the database");
        spilled = meter.CreateCounter<long>("spendops.usage.spilled", description: "Usage records written to the local spill file");
        failed = meter.CreateCounter<long>("spendops.usage.write_failures", description: "Failed database writes of usage batches (records are kept and retried)");
        rejected = meter.CreateCounter<long>("spendops.usage.rejected", description: "Usage records the database refused because of their data, set aside in the rejected file");
        lost = meter.CreateCounter<long>("spendops.usage.lost", description: "Usage records neither queued, written nor spilled (queue full and spill folder at its quota or failing)");
        meter.CreateObservableGauge("spendops.usage.queue_length", () => QueueLength);
        meter.CreateObservableGauge("spendops.usage.queue_bytes", () => QueueBytes, unit: "By", description: "Approximate memory held by queued usage records");
    }

    public long Queued => Interlocked.Read(ref queuedTotal);
    public long Written => Interlocked.Read(ref writtenTotal);
    public long Spilled => Interlocked.Read(ref spilledTotal);
    public long Failed => Interlocked.Read(ref failedTotal);
    public long Rejected => Interlocked.Read(ref rejectedTotal);
    public long Lost => Interlocked.Read(ref lostTotal);
    internal Func<int> QueueLengthSource { get; set; } = () => 0;
    public int QueueLength => QueueLengthSource();
    internal Func<long> QueueBytesSource { get; set; } = () => 0;
    public long QueueBytes => QueueBytesSource();

    internal void OnQueued() { Interlocked.Increment(ref queuedTotal); queued.Add(1); }
    internal void OnWritten(int count) { Interlocked.Add(ref writtenTotal, count); written.Add(count); }
    internal void OnSpilled(int count) { Interlocked.Add(ref spilledTotal, count); spilled.Add(count); }
    internal void OnFailed() { Interlocked.Increment(ref failedTotal); failed.Add(1); }
    internal void OnRejected() { Interlocked.Increment(ref rejectedTotal); rejected.Add(1); }
    internal void OnLost(int count) { Interlocked.Add(ref lostTotal, count); lost.Add(count); }
}
