using System.Text.Json;

namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>Turns System.Text.Json's line/column error into the OTLP status message <c>invalid JSON at byte N: reason</c>.</summary>
internal static class JsonErrorMessage
{
    public static string For(ReadOnlySpan<byte> body, JsonException error) =>
        $"invalid JSON at byte {AbsoluteOffset(body, error.LineNumber ?? 0, error.BytePositionInLine ?? 0)}: {Reason(error.Message)}";

    private static long AbsoluteOffset(ReadOnlySpan<byte> body, long line, long byteInLine)
    {
        var offset = 0;
        for (var seen = 0L; seen < line; seen++)
        {
            var next = body[offset..].IndexOf((byte)'\n');
            if (next < 0)
                break;
            offset += next + 1;
        }
        return offset + byteInLine;
    }

    /// <summary>System.Text.Json's message without its trailing "LineNumber: … | BytePositionInLine: …" (the offset says it).</summary>
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var reason = (cut > 0 ? message[..cut] : message).Trim();
        return reason.Length > 300 ? reason[..300] : reason;
    }
}
