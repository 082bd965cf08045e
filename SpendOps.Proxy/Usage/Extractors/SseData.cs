namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>Reads the data of one SSE event that is already complete in memory (see <see cref="SseReader"/> for streams).</summary>
internal static class SseData
{
    /// <summary>
    /// Joins the <c>data:</c> lines of <paramref name="rawEvent"/> with <c>\n</c> into <paramref name="destination"/>
    /// (which must be at least as long as the event) and returns the length; 0 when there is no data.
    /// </summary>
    public static int Join(ReadOnlySpan<byte> rawEvent, Span<byte> destination)
    {
        var length = 0;
        var any = false;
        while (!rawEvent.IsEmpty)
        {
            var end = rawEvent.IndexOfAny((byte)'\r', (byte)'\n');
            var line = end < 0 ? rawEvent : rawEvent[..end];
            if (end < 0)
            {
                rawEvent = default;
            }
            else
            {
                var crlf = rawEvent[end] == (byte)'\r' && end + 1 < rawEvent.Length && rawEvent[end + 1] == (byte)'\n';
                rawEvent = rawEvent[(end + (crlf ? 2 : 1))..];
            }

            if (!line.StartsWith("data"u8) || (line.Length > 4 && line[4] != (byte)':'))
                continue;
            var value = line.Length > 5 ? line[5..] : default;
            if (!value.IsEmpty && value[0] == (byte)' ')
                value = value[1..];
            if (any)
                destination[length++] = (byte)'\n';
            value.CopyTo(destination[length..]);
            length += value.Length;
            any = true;
        }

        return length;
    }
}
