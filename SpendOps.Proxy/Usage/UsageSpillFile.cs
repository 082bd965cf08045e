using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Usage;

/// <summary>
/// An append-only JSON-lines file of usage records that are not yet in the database: the overflow of a full
/// queue, batches that failed to write, and whatever is still queued at shutdown. The writer replays it, so
/// records survive queue overflow, database outages and restarts. The folder has a disk quota
/// (<see cref="UsageOptions.SpillMaxBytes"/>): past it, <see cref="Append"/> refuses. Each file starts with a header
/// line naming the database it belongs to (<see cref="SpillDatabaseIdentity"/>), so that it is only replayed there.
/// </summary>
public sealed partial class UsageSpillFile : IUsageReplaySource
{
    private const string HeaderStart = "{\"spillOfDatabase\":";
    private static readonly JsonSerializerOptions Json = UsageSpillJson.Options;
    private readonly object gate = new();
    private readonly string directory;
    private readonly string activePath;
    private readonly long quota;
    private readonly ReportThrottle refusals;
    private readonly ILogger<UsageSpillFile> logger;
    private readonly Lazy<string> database;
    private long? usedBytes;

    public UsageSpillFile(
        IOptions<UsageOptions> options,
        DataFolder dataFolder,
        IDbContextFactory<SpendOpsDbContext> contexts,
        TimeProvider clock,
        ILogger<UsageSpillFile> logger)
    {
        database = new Lazy<string>(() =>
        {
            using var db = contexts.CreateDbContext();
            return SpillDatabaseIdentity.Of(db);
        });
        directory = dataFolder.Resolve(options.Value.SpillDirectory);
        // One file per process, so instances sharing a folder never interleave writes.
        activePath = Path.Combine(directory, $"spill-{Environment.ProcessId}-{Guid.NewGuid():N}.jsonl");
        quota = options.Value.SpillMaxBytes;
        refusals = new ReportThrottle(clock);
        this.logger = logger;
    }

    public string Directory => directory;

    /// <summary>The identity of this instance's database, written at the head of its spill files.</summary>
    public string Database => database.Value;

    /// <summary>Where files of another database are moved: kept for an operator, never replayed here.</summary>
    public string ForeignDirectory => Path.Combine(directory, "foreign");

    /// <summary>
    /// Appends the records; false (nothing written) when they would take the folder past its quota. Throws when the
    /// disk itself fails.
    /// </summary>
    public bool Append(IReadOnlyCollection<UsageRecord> records)
    {
        if (records.Count == 0)
            return true;
        using var lines = new MemoryStream();
        var header = Header(Database);
        foreach (var record in records)
        {
            JsonSerializer.Serialize(lines, record, Json);
            lines.WriteByte((byte)'\n');
        }
        lock (gate)
        {
            usedBytes ??= MeasureFolder();
            if (usedBytes + header.Length + lines.Length > quota)
            {
                if (refusals.Occurred(records.Count, out var refused))
                    LogOverQuota(logger, directory, quota, refused);
                return false;
            }
            System.IO.Directory.CreateDirectory(directory);
            using var stream = new FileStream(activePath, FileMode.Append, FileAccess.Write, FileShare.Read);
            // Checked on the open file: a replay may have claimed (renamed) the previous one, and this one is new.
            var started = stream.Length == 0;
            if (started)
                stream.Write(header);
            lines.Position = 0;
            lines.CopyTo(stream);
            // Handed to the operating system, which keeps it through a crash of this process; not forced to the disk
            // on every overflowing record, which would turn an overload into a disk-bound crawl.
            stream.Flush(flushToDisk: false);
            usedBytes += lines.Length + (started ? header.Length : 0);
            return true;
        }
    }

    /// <summary>The first line of a spill file (and of a journal segment): the database its records belong to.</summary>
    internal static byte[] Header(string database) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new SpillHeader(database), Json) + "\n");

    /// <summary>Bytes the folder's files take, as counted against the quota.</summary>
    public long UsedBytes
    {
        get
        {
            lock (gate)
                return usedBytes ??= MeasureFolder();
        }
    }

    /// <summary>
    /// What every file in the folder takes, including other instances' spills, the rejected files and those of other
    /// databases set aside in <see cref="ForeignDirectory"/>.
    /// </summary>
    private long MeasureFolder()
    {
        if (!System.IO.Directory.Exists(directory))
            return 0;
        long total = 0;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*.jsonl", SearchOption.AllDirectories))
        {
            try
            {
                total += file.Length;
            }
            catch (IOException)
            {
                // Deleted while listing (a replay finished elsewhere).
            }
        }
        return total;
    }

    /// <summary>
    /// Takes every spill file (renaming it so new spills go elsewhere) and returns the claimed paths. A file is
    /// deleted by <see cref="Release"/> only after its records are in the database.
    /// </summary>
    public IReadOnlyList<string> Claim()
    {
        if (!System.IO.Directory.Exists(directory))
            return [];
        var claimed = new List<string>();
        lock (gate)
        {
            foreach (var path in System.IO.Directory.EnumerateFiles(directory, "spill-*.jsonl"))
            {
                var target = Path.Combine(directory, "replay-" + Path.GetFileName(path)["spill-".Length..]);
                try
                {
                    File.Move(path, target);
                    claimed.Add(target);
                }
                catch (IOException)
                {
                    // Another instance claimed it first.
                }
            }
        }
        claimed.AddRange(System.IO.Directory.EnumerateFiles(directory, "replay-*.jsonl").Except(claimed));
        lock (gate)
            usedBytes = MeasureFolder(); // other instances spill into and replay from the same folder
        return claimed;
    }

    /// <summary>
    /// The database the file belongs to, from its header; null for a file written before spill files had one (or whose
    /// header a crash tore, in which case it holds no record either).
    /// </summary>
    public static string? DatabaseOf(string path)
    {
        using var reader = new StreamReader(path);
        var first = reader.ReadLine();
        if (first is null || !first.StartsWith(HeaderStart, StringComparison.Ordinal))
            return null;
        try
        {
            return JsonSerializer.Deserialize<SpillHeader>(first, Json)?.SpillOfDatabase;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static IEnumerable<UsageRecord> Read(string path)
    {
        foreach (var read in File.ReadLines(path))
        {
            // Journal records are written side by side into places taken in order: a process killed between taking a
            // place and writing it leaves zero bytes there, in front of the next record's line, which is whole.
            var line = read[(read.LastIndexOf('\0') + 1)..];
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith(HeaderStart, StringComparison.Ordinal))
                continue;
            UsageRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<UsageRecord>(line, Json);
            }
            catch (JsonException)
            {
                // A line torn by a crash mid-write: everything before it was flushed and is still replayed.
                continue;
            }
            if (record is not null)
                yield return record;
        }
    }

    public void Release(string path)
    {
        lock (gate)
        {
            var length = new FileInfo(path).Length;
            File.Delete(path);
            if (usedBytes is { } used)
                usedBytes = Math.Max(0, used - length);
        }
    }

    /// <summary>
    /// Moves a claimed file of another database to <see cref="ForeignDirectory"/>, under its original name, and returns
    /// its new path. Never deleted: its records belong in the other database.
    /// </summary>
    public string SetAsideForeign(string path)
    {
        System.IO.Directory.CreateDirectory(ForeignDirectory);
        var target = Path.Combine(ForeignDirectory, "spill-" + Path.GetFileName(path)["replay-".Length..]);
        File.Move(path, target);
        return target;
    }

    /// <summary>
    /// Sets aside a record the database refuses whatever happens (a constraint or data error), with the reason, in
    /// <c>rejected-*.jsonl</c>: kept for an operator to inspect and fix, never replayed automatically.
    /// </summary>
    public void Reject(UsageRecord record, string reason) => Reject([record], reason);

    /// <inheritdoc cref="Reject(UsageRecord, string)"/>
    public void Reject(IReadOnlyCollection<UsageRecord> records, string reason)
    {
        lock (gate)
        {
            System.IO.Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, "rejected-" + Path.GetFileName(activePath)["spill-".Length..]);
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            foreach (var record in records)
            {
                JsonSerializer.Serialize(stream, new RejectedRecord(reason, record), Json);
                stream.WriteByte((byte)'\n');
            }
            stream.Flush(flushToDisk: true);
            usedBytes = null;
        }
    }

    private sealed record RejectedRecord(string Reason, UsageRecord Record);

    private sealed record SpillHeader(string SpillOfDatabase);

    [LoggerMessage(Level = LogLevel.Error, Message = "Usage spill folder {Directory} is at its quota of {Quota} bytes (Usage:SpillMaxBytes): {Count} records not spilled since the last report; they stay in memory while the queue has room, otherwise they are lost")]
    private static partial void LogOverQuota(ILogger logger, string directory, long quota, long count);
}
