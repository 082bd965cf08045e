using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Usage;

/// <summary>
/// An append-only JSON-lines file of usage records that are not yet in the database: the overflow of a full
/// queue, batches that failed to write, and whatever is still queued at shutdown. The writer replays it, so
/// records survive queue overflow, database outages and restarts.
/// </summary>
public sealed class UsageSpillFile
{
    private static readonly JsonSerializerOptions Json = UsageSpillJson.Options;
    private readonly object gate = new();
    private readonly string directory;
    private readonly string activePath;

    public UsageSpillFile(IOptions<UsageOptions> options, IHostEnvironment environment)
    {
        directory = Path.GetFullPath(options.Value.SpillDirectory, environment.ContentRootPath);
        // One file per process, so instances sharing a folder never interleave writes.
        activePath = Path.Combine(directory, $"spill-{Environment.ProcessId}-{Guid.NewGuid():N}.jsonl");
    }

    public string Directory => directory;

    public void Append(IReadOnlyCollection<UsageRecord> records)
    {
        if (records.Count == 0)
            return;
        lock (gate)
        {
            System.IO.Directory.CreateDirectory(directory);
            using var stream = new FileStream(activePath, FileMode.Append, FileAccess.Write, FileShare.Read);
            foreach (var record in records)
            {
                JsonSerializer.Serialize(stream, record, Json);
                stream.WriteByte((byte)'\n');
            }
            // Handed to the operating system, which keeps it through a crash of this process; not forced to the disk
            // on every overflowing record, which would turn an overload into a disk-bound crawl.
            stream.Flush(flushToDisk: false);
        }
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
        return claimed;
    }

    public static IEnumerable<UsageRecord> Read(string path)
    {
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
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

    public static void Release(string path) => File.Delete(path);

    /// <summary>
    /// Sets aside a record the database refuses whatever happens (a constraint or data error), with the reason, in
    /// <c>rejected-*.jsonl</c>: kept for an operator to inspect and fix, never replayed automatically.
    /// </summary>
    public void Reject(UsageRecord record, string reason)
    {
        lock (gate)
        {
            System.IO.Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, "rejected-" + Path.GetFileName(activePath)["spill-".Length..]);
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            JsonSerializer.Serialize(stream, new RejectedRecord(reason, record), Json);
            stream.WriteByte((byte)'\n');
            stream.Flush(flushToDisk: true);
        }
    }

    private sealed record RejectedRecord(string Reason, UsageRecord Record);
}
