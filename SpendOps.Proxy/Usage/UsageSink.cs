using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Usage;

/// <summary>
/// Where the proxy (and anything else producing usage) hands over records. Never blocks the caller: a
/// bounded in-memory queue (in records and in approximate bytes) feeds <see cref="UsageWriter"/>; when it is full,
/// or once the writer has shut down, records go to the <see cref="UsageSpillFile"/> instead of being dropped.
/// </summary>
public sealed partial class UsageSink
{
    private readonly Channel<UsageRecord> channel;
    private readonly UsageSpillFile spill;
    private readonly UsageMetrics metrics;
    private readonly ReportThrottle losses;
    private readonly ILogger<UsageSink> logger;
    private readonly long maxBytes;
    private long queuedBytes;

    public UsageSink(IOptions<UsageOptions> options, UsageSpillFile spill, UsageMetrics metrics, TimeProvider clock, ILogger<UsageSink> logger)
    {
        this.spill = spill;
        this.metrics = metrics;
        this.logger = logger;
        losses = new ReportThrottle(clock);
        maxBytes = options.Value.QueueMaxBytes;
        channel = Channel.CreateBounded<UsageRecord>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        metrics.QueueLengthSource = () => channel.Reader.Count;
        metrics.QueueBytesSource = () => Interlocked.Read(ref queuedBytes);
    }

    internal ChannelReader<UsageRecord> Reader => channel.Reader;

    public void Enqueue(UsageRecord record)
    {
        var size = UsageRecordSize.Estimate(record);
        if (Interlocked.Add(ref queuedBytes, size) <= maxBytes && channel.Writer.TryWrite(record))
        {
            metrics.OnQueued();
            return;
        }
        Interlocked.Add(ref queuedBytes, -size);
        try
        {
            if (spill.Append([record]))
            {
                metrics.OnSpilled(1);
                LogSpilled(logger, record.RequestId);
                return;
            }
            // The spill folder is at its quota (which it logs): with the queue full as well, the record is lost.
            metrics.OnLost(1);
        }
        catch (Exception ex)
        {
            // Disk full or read-only: the other case where a record can be lost, so it is logged as an error.
            metrics.OnLost(1);
            if (losses.Occurred(1, out var lost))
                LogLost(logger, ex, record.RequestId, lost);
        }
    }

    /// <summary>Takes the next queued record, if any (the writer's side of the queue).</summary>
    internal bool TryDequeue(out UsageRecord record)
    {
        if (!channel.Reader.TryRead(out record!))
            return false;
        Interlocked.Add(ref queuedBytes, -UsageRecordSize.Estimate(record));
        return true;
    }

    /// <summary>Stops queueing; later records (calls still finishing during shutdown) go straight to the spill file.</summary>
    internal void Close() => channel.Writer.TryComplete();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage queue full or closed; record {RequestId} spilled to disk")]
    private static partial void LogSpilled(ILogger logger, string requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Usage record {RequestId} could not be queued nor spilled ({Count} records lost since the last report)")]
    private static partial void LogLost(ILogger logger, Exception exception, string requestId, long count);
}
