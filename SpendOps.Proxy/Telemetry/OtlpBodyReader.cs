using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SpendOps.Proxy.Telemetry;

/// <summary>
/// Reads an OTLP request body with a hard cap, for <c>Content-Length</c> and chunked bodies alike, and inflates
/// gzip with the same cap applied to the decompressed size (a small gzip body can expand enormously).
/// </summary>
internal static class OtlpBodyReader
{
    public static async Task<(OtlpBody? Body, OtlpBodyError Error)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        var gzip = encoding is "gzip" or "x-gzip";
        if (!gzip && encoding is not ("" or "identity"))
            return (null, OtlpBodyError.UnsupportedEncoding);
        if (request.ContentLength > maxBytes)
            return (null, OtlpBodyError.TooLarge);

        // Kestrel's own limit (30 MB by default) would fail the read with an exception; ours is checked below instead.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
            sizeFeature.MaxRequestBodySize = (long)maxBytes + 1;

        var wire = await ReadCappedAsync(request.Body, maxBytes, cancellationToken);
        if (wire is null)
            return (null, OtlpBodyError.TooLarge);
        if (!gzip)
            return (new OtlpBody(wire.GetBuffer().AsMemory(0, (int)wire.Length), wire.Length, null), OtlpBodyError.None);

        wire.Position = 0;
        try
        {
            await using var inflater = new GZipStream(wire, CompressionMode.Decompress);
            var decoded = await ReadCappedAsync(inflater, maxBytes, cancellationToken);
            if (decoded is null)
                return (null, OtlpBodyError.TooLarge);
            return EndsWithItsTrailer(wire, decoded.Length)
                ? (new OtlpBody(decoded.GetBuffer().AsMemory(0, (int)decoded.Length), wire.Length, "gzip"), OtlpBodyError.None)
                : (null, OtlpBodyError.BadGzip);
        }
        catch (InvalidDataException)
        {
            return (null, OtlpBodyError.BadGzip);
        }
    }

    /// <summary>
    /// GZipStream ends quietly on a cut-off body (a header alone inflates to nothing), which would then be reported
    /// as bad JSON or protobuf. A whole gzip body ends with the 8-byte trailer whose last field is the inflated size
    /// modulo 2^32. Exporters send one gzip member, so the trailer is the last 8 bytes.
    /// </summary>
    private static bool EndsWithItsTrailer(MemoryStream wire, long decodedLength)
    {
        const int HeaderAndTrailer = 18;
        if (wire.Length < HeaderAndTrailer)
            return false;
        var size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(wire.GetBuffer().AsSpan((int)wire.Length - 4, 4));
        return size == (uint)decodedLength;
    }

    /// <summary>The stream's bytes, or null as soon as there are more than <paramref name="maxBytes"/>.</summary>
    private static async Task<MemoryStream?> ReadCappedAsync(Stream source, int maxBytes, CancellationToken cancellationToken)
    {
        var result = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (result.Length + read > maxBytes)
                return null;
            result.Write(buffer, 0, read);
        }
        return result;
    }
}
