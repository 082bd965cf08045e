using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Usage;

/// <summary>
/// Where the proxy (and anything else producing usage) hands over records. Never blocks the caller: a
/// bounded in-memory queue feeds <see cref="UsageWriter"/>; when it is full, or once the writer has shut down,
/// records go to the <see cref="UsageSpillFile"/> instead of being dropped.
/// </summary>
public sealed partial class UsageSink
{
    private readonly Channel<UsageRecord> channel;
    private readonly UsageSpillFile spill;
    private readonly UsageMetrics metrics;
    private readonly ILogger<UsageSink> logger;

    public UsageSink(IOptions<UsageOptions> options, UsageSpillFile spill, UsageMetrics metrics, ILogger<UsageSink> logger)
    {
        this.spill = spill;
        this.metrics = metrics;
        this.logger = logger;
        channel = Channel.CreateBounded<UsageRecord>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        metrics.QueueLengthSource = () => channel.Reader.Count;
    }

    internal ChannelReader<UsageRecord> Reader => channel.Reader;

    public void Enqueue(UsageRecord record)
    {
        if (channel.Writer.TryWrite(record))
        {
            metrics.OnQueued();
            return;
        }
        try
        {
            spill.Append([record]);
            metrics.OnSpilled(1);
            LogSpilled(logger, record.RequestId);
        }
        catch (Exception ex)
        {
            // Disk full or read-only: the one case where a record can be lost, so it is logged as an error.
            metrics.OnFailed();
            LogLost(logger, ex, record.RequestId);
        }
    }

    /// <summary>Stops queueing; later records (calls still finishing during shutdown) go straight to the spill file.</summary>
    internal void Close() => channel.Writer.TryComplete();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage queue full or closed; record {RequestId} spilled to disk")]
    private static partial void LogSpilled(ILogger logger, string requestId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Usage record {RequestId} could not be queued nor spilled")]
    private static partial void LogLost(ILogger logger, Exception exception, string requestId);
}
