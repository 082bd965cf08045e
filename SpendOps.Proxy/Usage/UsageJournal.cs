using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Usage;

/// <summary>
/// The append-only journal every usage record is written to before its call's response ends, so that a process
/// killed with records still in the queue loses none of them: the next start replays what the writer had not settled.
/// One positioned write per record and no fsync: a killed process leaves its writes with the operating system, which
/// puts them on disk; only a power loss or a crash of the machine can still take the last seconds. Segments rotate by
/// size and are deleted once every record in them is stored, spilled or set aside. Each segment starts with the spill
/// header naming its database, and stays locked by its process while open, so an instance sharing the folder never
/// replays the segments of one still running.
/// </summary>
public sealed partial class UsageJournal : IUsageReplaySource, IDisposable
{
    private static readonly JsonSerializerOptions Json = UsageSpillJson.Options;
    [ThreadStatic] private static ArrayBufferWriter<byte>? lineBuffer;
    [ThreadStatic] private static Utf8JsonWriter? lineWriter;
    private readonly object gate = new();
    private readonly bool enabled;
    private readonly string directory;
    private readonly string prefix;
    private readonly long segmentBytes;
    private readonly UsageSpillFile spill;
    private readonly ReportThrottle failures;
    private readonly ILogger<UsageJournal> logger;
    private readonly HashSet<string> claimed = [];
    private JournalSegment? active;
    private int sequence;
    private bool disposed;

    public UsageJournal(IOptions<UsageOptions> options, DataFolder dataFolder, UsageSpillFile spill, TimeProvider clock, ILogger<UsageJournal> logger)
    {
        enabled = options.Value.JournalEnabled;
        directory = dataFolder.Resolve(options.Value.JournalDirectory);
        prefix = $"segment-{Environment.ProcessId}-{Guid.NewGuid():N}-";
        segmentBytes = options.Value.JournalSegmentBytes;
        this.spill = spill;
        failures = new ReportThrottle(clock);
        this.logger = logger;
    }

    public string Directory => directory;

    private string ForeignDirectory => Path.Combine(directory, "foreign");

    /// <summary>
    /// Writes the record to the journal and returns its segment (to be settled once the record is stored elsewhere),
    /// or null when the journal is off or cannot be written (logged at most once a minute; the call goes on regardless).
    /// </summary>
    public JournalSegment? Append(UsageRecord record)
    {
        if (!enabled)
            return null;
        var line = Line(record);
        JournalSegment segment;
        long offset;
        // Only the place in the file is taken under the lock; the write itself is not. With the write inside, on a busy
        // core a thread preempted while holding the lock left every other call blocked behind it, and the thread pool
        // answered with more threads, which took the CPU the usage writer needed to keep up.
        lock (gate)
        {
            if (disposed)
                return null;
            try
            {
                segment = active ??= Open();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Failed(ex);
                return null;
            }
            offset = segment.Reserve(line.Length);
            if (segment.Bytes >= segmentBytes)
                SealActive();
        }
        try
        {
            segment.WriteAt(line, offset);
            return segment;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lock (gate)
            {
                // Not in the file, so not waited for; and the segment ends here, as after a torn line.
                if (active == segment)
                    SealActive();
                Failed(ex);
            }
            Settle(segment, 1);
            return null;
        }
    }

    /// <summary>Logged at most once a minute; the call goes on regardless.</summary>
    private void Failed(Exception exception)
    {
        if (failures.Occurred(1, out var count))
            LogWriteFailed(logger, exception, directory, count);
    }

    /// <summary>
    /// The record's line in this thread's buffer, valid until the thread serializes the next one: every call's record is
    /// written here, and two fresh arrays a record (the JSON, then the JSON with its newline) were a sixth of what the
    /// proxy allocated per call.
    /// </summary>
    private static ReadOnlySpan<byte> Line(UsageRecord record)
    {
        var buffer = lineBuffer ??= new ArrayBufferWriter<byte>(2048);
        buffer.ResetWrittenCount();
        var writer = lineWriter ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Json.Encoder, SkipValidation = true });
        writer.Reset(buffer);
        UsageRecordJson.Write(writer, record);
        writer.Flush();
        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
        return buffer.WrittenSpan;
    }

    private JournalSegment Open()
    {
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{prefix}{++sequence:D6}.jsonl");
        // FileShare.Read takes a shared lock: another instance's exclusive open (the orphan test in Claim) fails.
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        var segment = new JournalSegment(path, handle);
        segment.WriteHeader(UsageSpillFile.Header(spill.Database));
        return segment;
    }

    /// <summary>The writer has stored, spilled or set aside <paramref name="count"/> records of the segment.</summary>
    public void Settle(JournalSegment segment, long count)
    {
        lock (gate)
        {
            segment.Settle(count);
            if (segment.Done)
                Finish(segment);
        }
    }

    /// <summary>A record of the segment could be neither queued nor spilled: the file is replayed once the segment is done.</summary>
    public void KeepForReplay(JournalSegment segment)
    {
        lock (gate)
            segment.NeedsReplay = true;
    }

    private void SealActive()
    {
        if (active is not { } segment)
            return;
        active = null;
        segment.Seal();
        if (segment.Done)
            Finish(segment);
    }

    private void Finish(JournalSegment segment)
    {
        segment.Release();
        try
        {
            if (!segment.NeedsReplay)
            {
                File.Delete(segment.Path);
                return;
            }
            var target = ReplayPath(segment.Path);
            File.Move(segment.Path, target);
            claimed.Add(target);
        }
        catch (IOException ex)
        {
            // Left in place: replayed as an orphan at the next start, where records already stored are skipped.
            LogFinishFailed(logger, ex, Path.GetFileName(segment.Path));
        }
    }

    private static string ReplayPath(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, "replay-" + Path.GetFileName(path)["segment-".Length..]);

    /// <summary>
    /// The files to replay: segments of this process kept for replay, and orphans, the segments of a process that
    /// ended without settling them (killed, or at its quota) and that no running process holds. The active segment is
    /// sealed first if it holds records only in the file, so they are replayed within a replay period.
    /// </summary>
    public IReadOnlyList<string> Claim()
    {
        lock (gate)
        {
            if (active is { NeedsReplay: true })
                SealActive();
            if (!System.IO.Directory.Exists(directory))
                return [.. claimed];
            foreach (var path in System.IO.Directory.EnumerateFiles(directory, "*.jsonl"))
            {
                var name = Path.GetFileName(path);
                if (name.StartsWith(prefix, StringComparison.Ordinal) || claimed.Contains(path))
                    continue;
                if (name.StartsWith("replay-", StringComparison.Ordinal) || TryTakeOrphan(path))
                    claimed.Add(name.StartsWith("replay-", StringComparison.Ordinal) ? path : ReplayPath(path));
            }
            return [.. claimed];
        }
    }

    /// <summary>True (and renamed for replay) when no running process holds the segment.</summary>
    private static bool TryTakeOrphan(string path)
    {
        if (!Path.GetFileName(path).StartsWith("segment-", StringComparison.Ordinal))
            return false;
        try
        {
            using (File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
            }
            File.Move(path, ReplayPath(path));
            return true;
        }
        catch (IOException)
        {
            return false; // held by a running instance, or claimed by another one first
        }
    }

    /// <summary>Every record of a claimed file is in the database (or set aside): the file goes.</summary>
    public void Release(string path)
    {
        lock (gate)
        {
            claimed.Remove(path);
            File.Delete(path);
        }
    }

    /// <summary>Moves a claimed file of another database to <c>foreign/</c>, unreplayed, and returns its new path.</summary>
    public string SetAsideForeign(string path)
    {
        lock (gate)
        {
            claimed.Remove(path);
            System.IO.Directory.CreateDirectory(ForeignDirectory);
            var target = Path.Combine(ForeignDirectory, Path.GetFileName(path));
            File.Move(path, target);
            return target;
        }
    }

    /// <summary>At shutdown, after the writer has drained the queue: the last segment is sealed, and goes if it is done.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            SealActive();
            disposed = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The usage journal in {Directory} cannot be written ({Count} records since the last report): calls go on, but their records are only in memory until stored")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string directory, long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Usage journal segment {File} could not be removed; it is replayed at the next start (records already stored are skipped)")]
    private static partial void LogFinishFailed(ILogger logger, Exception exception, string file);
}
