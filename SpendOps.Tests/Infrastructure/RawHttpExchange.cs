using System.Net.Sockets;
using System.Text;

namespace SpendOps.Tests.Infrastructure;

/// <summary>
/// One HTTP/1.1 request written byte for byte on a TCP connection, for what HttpClient will not send (repeated
/// headers, raw targets, broken chunked framing, a body that keeps coming after the answer). The response is read
/// while the request is still being written, as a real client does, and parsed by Content-Length or chunked framing.
/// Interim answers (<c>100 Continue</c>) are skipped: the final answer is what the client acts on.
/// </summary>
public sealed record RawHttpExchange(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    /// <summary>The body's bytes as received (a protobuf error is not text).</summary>
    public byte[] BodyBytes { get; init; } = [];

    /// <param name="head">Request line and headers, lines separated by CRLF, without the blank line that ends them.</param>
    /// <param name="body">Bytes written after the head, as they are (already chunked if the head says so).</param>
    /// <param name="readAfterSending">Write the whole body before reading anything, as simple clients do (Python's
    /// requests, most scripts): such a client only sees an early answer if the server keeps reading until it is done.</param>
    /// <param name="halfClose">Shut down the sending side after the body, as a client that gave up writing does: the
    /// server sees the body end early (a truncated body) but can still answer.</param>
    public static async Task<RawHttpExchange> SendAsync(Uri server, string head, ReadOnlyMemory<byte> body, bool readAfterSending = false, bool halfClose = false)
    {
        // A guard against a hang, not an assertion about speed.
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port, guard.Token);
        var stream = client.GetStream();
        var reading = readAfterSending ? null : ReadResponseAsync(stream, guard.Token);

        try
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(head + "\r\n\r\n"), guard.Token);
            for (var offset = 0; offset < body.Length && reading is not { IsCompleted: true }; offset += 64 * 1024)
                await stream.WriteAsync(body[offset..Math.Min(body.Length, offset + 64 * 1024)], guard.Token);
            if (halfClose)
                client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (IOException) when (!readAfterSending)
        {
            // The server closed the connection after answering; the answer is what the test looks at.
        }
        return await (reading ?? ReadResponseAsync(stream, guard.Token));
    }

    private static async Task<RawHttpExchange> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new List<byte>();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            if (TryParse(received.ToArray(), atEnd: false, out var exchange))
                return exchange!;
            int read;
            try
            {
                read = await stream.ReadAsync(buffer, cancellationToken);
            }
            catch (IOException)
            {
                read = 0;
            }
            if (read == 0)
                return TryParse(received.ToArray(), atEnd: true, out exchange) ? exchange! : throw new IOException($"The connection ended after {received.Count} bytes, before a complete response.");
            received.AddRange(buffer.AsSpan(0, read));
        }
    }

    private static bool TryParse(byte[] data, bool atEnd, out RawHttpExchange? exchange)
    {
        exchange = null;
        var text = Encoding.Latin1.GetString(data);
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headEnd < 0)
            return false;
        if (text.StartsWith("HTTP/1.1 1", StringComparison.Ordinal))
            return TryParse(data[(headEnd + 4)..], atEnd, out exchange);
        var lines = text[..headEnd].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1]);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var rest = data.AsSpan(headEnd + 4);
        if (headers.TryGetValue("Content-Length", out var length))
        {
            if (rest.Length < int.Parse(length))
                return false;
            exchange = new RawHttpExchange(status, headers, Encoding.UTF8.GetString(rest[..int.Parse(length)])) { BodyBytes = rest[..int.Parse(length)].ToArray() };
            return true;
        }
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryDechunk(rest, out var body))
                return false;
            exchange = new RawHttpExchange(status, headers, Encoding.UTF8.GetString(body!)) { BodyBytes = body! };
            return true;
        }
        // No framing: the body is whatever came before the connection ended.
        if (!atEnd)
            return false;
        exchange = new RawHttpExchange(status, headers, Encoding.UTF8.GetString(rest)) { BodyBytes = rest.ToArray() };
        return true;
    }

    private static bool TryDechunk(ReadOnlySpan<byte> data, out byte[]? body)
    {
        body = null;
        var output = new List<byte>();
        while (true)
        {
            var lineEnd = data.IndexOf("\r\n"u8);
            if (lineEnd < 0)
                return false;
            var size = Convert.ToInt32(Encoding.ASCII.GetString(data[..lineEnd]).Split(';')[0].Trim(), 16);
            data = data[(lineEnd + 2)..];
            if (size == 0)
            {
                body = [.. output];
                return true;
            }
            if (data.Length < size + 2)
                return false;
            output.AddRange(data[..size]);
            data = data[(size + 2)..];
        }
    }
}
