using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Usage;

/// <summary>
/// Where the proxy (and anything else producing usage) hands over records. Never blocks the caller. Each record is
/// first appended to the <see cref="UsageJournal"/> (so that it survives the process being killed), then a
/// bounded in-memory queue (in records and in approximate bytes) feeds <see cref="UsageWriter"/>; when it is full,
/// or once the writer has shut down, records go to the <see cref="UsageSpillFile"/> instead of being dropped.
/// </summary>
public sealed partial class UsageSink : IDisposable
{
    private readonly Channel<QueuedRecord> channel;
    private readonly UsageJournal journal;
    private readonly UsageSpillFile spill;
    private readonly UsageMetrics metrics;
    private readonly MinuteSummary spills;
    private readonly MinuteSummary losses;
    private readonly ILogger<UsageSink> logger;
    private readonly long maxBytes;
    private long queuedBytes;

    public UsageSink(IOptions<UsageOptions> options, UsageJournal journal, UsageSpillFile spill, UsageMetrics metrics, TimeProvider clock, ILogger<UsageSink> logger)
    {
        this.journal = journal;
        this.spill = spill;
        this.metrics = metrics;
        this.logger = logger;
        spills = new MinuteSummary(clock, (count, _) => LogSpilled(logger, count, spill.Directory));
        losses = new MinuteSummary(clock, (count, error) => LogLost(logger, error, count));
        maxBytes = options.Value.QueueMaxBytes;
        channel = Channel.CreateBounded<QueuedRecord>(new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        metrics.QueueLengthSource = () => channel.Reader.Count;
        metrics.QueueBytesSource = () => Interlocked.Read(ref queuedBytes);
    }

    internal ChannelReader<QueuedRecord> Reader => channel.Reader;

    /// <summary>
    /// Journals and queues the record. The proxy calls it before the last byte of the response goes out: a call the
    /// client saw complete has its record in the journal.
    /// </summary>
    public void Enqueue(UsageRecord record)
    {
        var segment = journal.Append(record);
        var size = UsageRecordSize.Estimate(record);
        if (Interlocked.Add(ref queuedBytes, size) <= maxBytes && channel.Writer.TryWrite(new QueuedRecord(record, segment)))
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
                spills.Add(1);
                Settle(segment);
                return;
            }
            // The spill folder is at its quota (which it logs): with the queue full as well, only the journal has it.
            KeepInJournalOrLose(segment, null);
        }
        catch (Exception ex)
        {
            // Disk full or read-only: the other case where a record can be lost, so it is logged as an error.
            KeepInJournalOrLose(segment, ex);
        }
    }

    private void KeepInJournalOrLose(JournalSegment? segment, Exception? exception)
    {
        if (segment is not null)
        {
            journal.KeepForReplay(segment);
            Settle(segment);
            metrics.OnSpilled(1);
            return;
        }
        metrics.OnLost(1);
        losses.Add(1, exception);
    }

    private void Settle(JournalSegment? segment)
    {
        if (segment is not null)
            journal.Settle(segment, 1);
    }

    /// <summary>Takes the next queued record, if any (the writer's side of the queue).</summary>
    internal bool TryDequeue(out QueuedRecord queued)
    {
        if (!channel.Reader.TryRead(out queued))
            return false;
        Interlocked.Add(ref queuedBytes, -UsageRecordSize.Estimate(queued.Record));
        return true;
    }

    /// <summary>Stops queueing; later records (calls still finishing during shutdown) go straight to the spill file.</summary>
    internal void Close() => channel.Writer.TryComplete();

    public void Dispose()
    {
        spills.Dispose();
        losses.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} usage records spilled to {Folder} in the last minute; queue full (or closed at shutdown)")]
    private static partial void LogSpilled(ILogger logger, long count, string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} usage records lost in the last minute: the queue was full and they could be neither spilled nor journaled")]
    private static partial void LogLost(ILogger logger, Exception? exception, long count);
}
