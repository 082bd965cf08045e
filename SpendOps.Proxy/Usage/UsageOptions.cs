using System.ComponentModel.DataAnnotations;

namespace SpendOps.Proxy.Usage;

/// <summary>The <c>Usage</c> section: the queue between the proxy and the database.</summary>
public sealed class UsageOptions
{
    public const string SectionName = "Usage";

    /// <summary>Records held in memory before new ones spill to disk.</summary>
    [Range(1, 10_000_000)]
    public int QueueCapacity { get; set; } = 50_000;

    /// <summary>
    /// Approximate bytes the queued records may hold (each record counted as about 1 KB plus its text and dimensions);
    /// past it, new records spill to disk as when the queue is full.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long QueueMaxBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>
    /// Records per transaction. Small on purpose: on SQLite a commit writes every page the batch touched in one go,
    /// and requests on the same core wait behind it. With 100 instead of 500, bench/run.sh measured a lower p99 and
    /// more requests/s; with 50 both were worse again (more commits).
    /// </summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Records per transaction while more than <see cref="BatchSize"/> are waiting (a burst, or after an outage): each
    /// index page a transaction changes is written once for more records, so the writer catches up several times
    /// faster per CPU second (bench/writer); the longer commits only happen while it is behind anyway.
    /// </summary>
    [Range(1, 100_000)]
    public int BacklogBatchSize { get; set; } = 2_000;

    /// <summary>How long the writer waits to fill a batch once the first record arrived.</summary>
    [Range(0, 60_000)]
    public int BatchDelayMilliseconds { get; set; } = 50;

    /// <summary>Folder for records that could not be queued or written; replayed until they are in the database.</summary>
    [Required]
    public string SpillDirectory { get; set; } = "usage-spill";

    /// <summary>
    /// Seconds to the first retry after the database failed, doubled after every further failure up to
    /// <see cref="RetryMaxSeconds"/> and back to this after a success; also how often spill files are looked for
    /// while the database is fine.
    /// </summary>
    [Range(0.01, 3600)]
    public double RetryFirstSeconds { get; set; } = 1;

    /// <summary>The longest wait between two attempts while the database stays unavailable.</summary>
    [Range(0.01, 3600)]
    public double RetryMaxSeconds { get; set; } = 60;

    /// <summary>
    /// Disk quota of <see cref="SpillDirectory"/>. Once its files reach it, nothing more is spilled: the writer keeps
    /// its unwritten batch in memory and retries it, the queue fills up, and only records that find the queue full too
    /// are lost (logged as an error, at most once a minute, with their number).
    /// </summary>
    [Range(1, long.MaxValue)]
    public long SpillMaxBytes { get; set; } = 1024L * 1024 * 1024;

    /// <summary>
    /// Whether every record is appended to the journal in <see cref="JournalDirectory"/> before its call's response ends
    /// (so a killed process loses none). Off only where the disk cannot take one small write per call.
    /// </summary>
    public bool JournalEnabled { get; set; } = true;

    /// <summary>Folder of the usage journal; one per database, beside the spill folder by default.</summary>
    [Required]
    public string JournalDirectory { get; set; } = "usage-journal";

    /// <summary>Size at which a journal segment is closed and a new one started; a segment goes once its records are stored.</summary>
    [Range(4096, long.MaxValue)]
    public long JournalSegmentBytes { get; set; } = 16L * 1024 * 1024;
}
