using System.IO.Compression;
using Microsoft.AspNetCore.Http;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>Ways for the fake provider to misbehave, as <see cref="Infrastructure.FakeUpstream.Handler"/>s.</summary>
public static class UpstreamFaults
{
    /// <summary>Reads the request, then drops the connection without a status line.</summary>
    public static Task ResetBeforeHeaders(HttpContext context)
    {
        context.Abort();
        return Task.CompletedTask;
    }

    /// <summary>Says it started (<paramref name="arrived"/>), then sends nothing until the caller gives up.</summary>
    public static Func<HttpContext, Task> SilentUntilAborted(TaskCompletionSource arrived) => async context =>
    {
        arrived.TrySetResult();
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    };

    /// <summary>
    /// Sends <paramref name="body"/> encoded with <paramref name="encoding"/> (gzip, deflate or br), a few bytes at a
    /// time, so whoever reads it must resume decoding across many small chunks. Returns the exact encoded bytes.
    /// </summary>
    public static Func<HttpContext, Task> Encoded(string encoding, string contentType, byte[] body, out byte[] encoded)
    {
        var bytes = Encode(encoding, body);
        encoded = bytes;
        return async context =>
        {
            context.Response.ContentType = contentType;
            context.Response.Headers.ContentEncoding = encoding;
            for (var offset = 0; offset < bytes.Length; offset += 97)
            {
                await context.Response.Body.WriteAsync(bytes.AsMemory(offset, Math.Min(97, bytes.Length - offset)));
                await context.Response.Body.FlushAsync();
            }
        };
    }

    public static byte[] Encode(string encoding, byte[] body)
    {
        using var output = new MemoryStream();
        using (Stream compressor = encoding switch
        {
            "gzip" => new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true),
            "br" => new BrotliStream(output, CompressionLevel.Optimal, leaveOpen: true),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        })
        {
            compressor.Write(body);
        }
        return output.ToArray();
    }
}
