using System.Buffers;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// Stands in for the response body while a call is forwarded: every chunk goes to the client first, then a
/// view of the same bytes goes to the call's usage extractor. Nothing is copied or held, except when the proxy
/// injected <c>include_usage</c>: then the client gets the stream minus the usage-only chunk, which means holding
/// back at most the current unfinished SSE event. For a response of known length, the last chunk goes to the extractor
/// first and <paramref name="beforeLastBytes"/> records the call before that chunk goes to the client: a client never
/// holds a complete answer whose usage record is not yet journaled. (Without a length, the end of the response is the
/// end of the chunked stream, which is sent after the call is recorded.)
/// </summary>
internal sealed class UsageCaptureStream(Stream client, ProxyCall call, Func<long?> contentLength, Action beforeLastBytes) : Stream
{
    private readonly ArrayBufferWriter<byte>? filtered = call.InjectedUsageFilter is null ? null : new ArrayBufferWriter<byte>(4096);
    private long written;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (IsLast(buffer.Length))
        {
            call.OnResponseBytes(buffer);
            beforeLastBytes();
            client.Write(buffer);
            return;
        }
        if (filtered is null)
        {
            client.Write(buffer);
        }
        else
        {
            filtered.ResetWrittenCount();
            call.InjectedUsageFilter!.Write(buffer, filtered);
            client.Write(filtered.WrittenSpan);
        }
        call.OnResponseBytes(buffer);
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (IsLast(buffer.Length))
        {
            call.OnResponseBytes(buffer.Span);
            beforeLastBytes();
            await client.WriteAsync(buffer, cancellationToken);
            return;
        }
        if (filtered is null)
        {
            await client.WriteAsync(buffer, cancellationToken);
        }
        else
        {
            filtered.ResetWrittenCount();
            call.InjectedUsageFilter!.Write(buffer.Span, filtered);
            if (filtered.WrittenCount > 0)
                await client.WriteAsync(filtered.WrittenMemory, cancellationToken);
        }
        call.OnResponseBytes(buffer.Span);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>True when these bytes complete a response of known length (never with the filter, which only sees event streams).</summary>
    private bool IsLast(int count)
    {
        if (count == 0 || filtered is not null)
            return false;
        written += count;
        return contentLength() is { } length && written >= length;
    }

    /// <summary>Sends whatever the injected-usage filter still holds (the tail of a stream without a final blank line).</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (filtered is null)
            return;
        filtered.ResetWrittenCount();
        call.InjectedUsageFilter!.Flush(filtered);
        if (filtered.WrittenCount > 0)
            await client.WriteAsync(filtered.WrittenMemory, cancellationToken);
    }

    public override void Flush() => client.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => client.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
