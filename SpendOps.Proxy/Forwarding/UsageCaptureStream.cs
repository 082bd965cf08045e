using System.Buffers;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// Stands in for the response body while a call is forwarded: every chunk goes to the client first, then a
/// view of the same bytes goes to the call's usage extractor. Nothing is copied or held, except when the proxy
/// injected <c>include_usage</c>: then the client gets the stream minus the usage-only chunk, which means holding
/// back at most the current unfinished SSE event.
/// </summary>
internal sealed class UsageCaptureStream(Stream client, ProxyCall call) : Stream
{
    private readonly ArrayBufferWriter<byte>? filtered = call.InjectedUsageFilter is null ? null : new ArrayBufferWriter<byte>(4096);

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
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
