using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// A request body held in a pooled buffer. The proxy needs the whole request before forwarding anyway (the
/// model allow-list is checked first, and <c>model</c> may come after a long <c>messages</c> array); requests are
/// bounded by <see cref="ProxyOptions.MaxRequestBodyBytes"/>. Responses are never buffered.
/// </summary>
internal sealed class BufferedRequestBody : IDisposable
{
    private byte[] buffer;

    private BufferedRequestBody(byte[] buffer, int length)
    {
        this.buffer = buffer;
        Length = length;
    }

    public int Length { get; private set; }

    public ReadOnlySpan<byte> Span => buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => buffer.AsMemory(0, Length);

    /// <summary>Reads the body; null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async ValueTask<BufferedRequestBody?> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
            return null;
        // The limit is enforced below, where the proxy can still answer. Kestrel's own limit would instead make
        // it drop the connection while draining the rest of an oversized body, before the client read the 413.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = null;

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(request.ContentLength ?? 16 * 1024, 256, maxBytes));
        var length = 0;
        var reader = request.BodyReader;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                foreach (var segment in result.Buffer)
                {
                    if (length + (long)segment.Length > maxBytes)
                    {
                        reader.AdvanceTo(result.Buffer.End);
                        ArrayPool<byte>.Shared.Return(buffer);
                        return null;
                    }
                    if (length + segment.Length > buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max(buffer.Length * 2L, length + segment.Length), maxBytes));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    segment.Span.CopyTo(buffer.AsSpan(length));
                    length += segment.Length;
                }
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                    break;
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // A server-wide limit set below this one (the feature was read-only) tripped first.
            ArrayPool<byte>.Shared.Return(buffer);
            return null;
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
        return new BufferedRequestBody(buffer, length);
    }

    /// <summary>Swaps in a rewritten body (e.g. with <c>stream_options.include_usage</c> added).</summary>
    public void Replace(ReadOnlySpan<byte> content)
    {
        var larger = ArrayPool<byte>.Shared.Rent(content.Length);
        content.CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
        Length = content.Length;
    }

    /// <summary>Makes the buffered bytes the request body that the forwarder sends upstream.</summary>
    public void InstallAsRequestBody(HttpRequest request)
    {
        request.Body = new MemoryStream(buffer, 0, Length, writable: false);
        request.ContentLength = Length;
        // The body now has a known length; chunked framing is hop-by-hop and would contradict Content-Length.
        request.Headers.TransferEncoding = default;
    }

    public void Dispose()
    {
        var toReturn = Interlocked.Exchange(ref buffer, []);
        if (toReturn.Length > 0)
            ArrayPool<byte>.Shared.Return(toReturn);
    }
}
