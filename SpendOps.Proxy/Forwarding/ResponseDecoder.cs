using System.IO.Compression;
using SpendOps.Proxy.Usage.Extractors;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// Decompresses a content-encoded response (gzip, deflate, br) chunk by chunk as it passes, so the usage extractor
/// reads the provider's JSON or SSE while the client still receives the compressed bytes unchanged. Holds one chunk
/// of input and one output buffer, never the body; stops (and says so) on corrupt data or past
/// <see cref="MaxDecodedBytes"/>, which keeps a compression bomb from costing more than a large plain answer.
/// </summary>
internal sealed class ResponseDecoder : IDisposable
{
    public const long MaxDecodedBytes = 256L * 1024 * 1024;

    private readonly ChunkStream input = new();
    private readonly Stream decompressor;
    private readonly byte[] output = new byte[16 * 1024];
    private long decoded;

    private ResponseDecoder(Func<Stream, Stream> open) => decompressor = open(input);

    /// <summary>True once decoding stopped: the data was not what its encoding said, or it inflated past the limit.</summary>
    public bool Failed { get; private set; }

    /// <summary>A decoder for a <c>Content-Encoding</c> value, or null for none/identity. Unknown or stacked encodings give <paramref name="supported"/> false.</summary>
    public static ResponseDecoder? For(string? contentEncoding, out bool supported)
    {
        supported = true;
        switch (contentEncoding?.Trim().ToLowerInvariant())
        {
            case null or "" or "identity":
                return null;
            case "gzip" or "x-gzip":
                return new ResponseDecoder(s => new GZipStream(s, CompressionMode.Decompress));
            case "deflate":
                // HTTP's "deflate" is the zlib format (RFC 9110), header and checksum included.
                return new ResponseDecoder(s => new ZLibStream(s, CompressionMode.Decompress));
            case "br":
                return new ResponseDecoder(s => new BrotliStream(s, CompressionMode.Decompress));
            default:
                supported = false;
                return null;
        }
    }

    /// <summary>Decodes one chunk of the response and hands what it yields to <paramref name="target"/>.</summary>
    public void Feed(ReadOnlySpan<byte> compressed, IUsageExtractor target)
    {
        if (Failed)
            return;
        input.Set(compressed);
        try
        {
            // A read that finds the chunk used up returns 0; the decompressor resumes with the next chunk.
            int count;
            while ((count = decompressor.Read(output)) > 0)
            {
                decoded += count;
                if (decoded > MaxDecodedBytes)
                {
                    Failed = true;
                    return;
                }
                target.Append(output.AsSpan(0, count));
            }
        }
        catch (InvalidDataException)
        {
            Failed = true;
        }
    }

    /// <summary>Frees the decompressor's native state at once rather than at the next finalizer run.</summary>
    public void Dispose() => decompressor.Dispose();

    /// <summary>The decompressor's input: the current chunk, copied once into a reused buffer.</summary>
    private sealed class ChunkStream : Stream
    {
        private byte[] buffer = new byte[16 * 1024];
        private int length;
        private int position;

        public void Set(ReadOnlySpan<byte> chunk)
        {
            if (chunk.Length > buffer.Length)
                buffer = new byte[chunk.Length];
            chunk.CopyTo(buffer);
            length = chunk.Length;
            position = 0;
        }

        public override int Read(byte[] destination, int offset, int count) => Read(destination.AsSpan(offset, count));

        public override int Read(Span<byte> destination)
        {
            var count = Math.Min(destination.Length, length - position);
            buffer.AsSpan(position, count).CopyTo(destination);
            position += count;
            return count;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
