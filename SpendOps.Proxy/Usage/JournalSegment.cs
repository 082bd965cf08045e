using Microsoft.Win32.SafeHandles;

namespace SpendOps.Proxy.Usage;

/// <summary>
/// One file of the <see cref="UsageJournal"/>: the records appended to it, and how many of those the writer has since
/// settled (stored, spilled or set aside). Once it is sealed (rotated or closed) and every record is settled, it is no
/// longer needed; if a record of it could be neither queued nor spilled, it is replayed from the file instead.
/// </summary>
public sealed class JournalSegment
{
    private readonly SafeFileHandle handle;
    private long appended;
    private long settled;

    internal JournalSegment(string path, SafeFileHandle handle)
    {
        Path = path;
        this.handle = handle;
    }

    public string Path { get; }

    internal long Bytes { get; private set; }

    internal bool Sealed { get; private set; }

    /// <summary>Some record of this segment is only in the file: it is replayed from the file once sealed.</summary>
    internal bool NeedsReplay { get; set; }

    internal bool Done => Sealed && settled == appended;

    /// <summary>The segment's header, before any record: one positioned write.</summary>
    internal void WriteHeader(ReadOnlySpan<byte> bytes)
    {
        RandomAccess.Write(handle, bytes, Bytes);
        Bytes += bytes.Length;
    }

    /// <summary>
    /// Takes the next <paramref name="length"/> bytes for one record and returns where they start. Called under the
    /// journal's lock; the record is then written with <see cref="WriteAt"/> outside it.
    /// </summary>
    internal long Reserve(int length)
    {
        var offset = Bytes;
        Bytes += length;
        appended++;
        return offset;
    }

    /// <summary>One positioned write into a reserved range (no fsync): the bytes are with the operating system when it returns.</summary>
    internal void WriteAt(ReadOnlySpan<byte> bytes, long offset) => RandomAccess.Write(handle, bytes, offset);

    internal void Settle(long count) => settled += count;

    /// <summary>No more records are appended. The file stays open (and locked) until <see cref="Release"/>.</summary>
    internal void Seal() => Sealed = true;

    internal void Release() => handle.Dispose();
}
