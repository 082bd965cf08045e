namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>
/// Incremental Server-Sent-Events parser that keeps only the <c>data</c> field, following the WHATWG
/// "event stream interpretation" rules (https://html.spec.whatwg.org/multipage/server-sent-events.html):
/// events end at a blank line; lines end with <c>\n</c>, <c>\r\n</c> or <c>\r</c> (also when the <c>\r</c> and
/// <c>\n</c> arrive in different chunks); repeated <c>data:</c> lines are joined with <c>\n</c>; one space after the
/// colon is dropped; comments (<c>:</c>) and other fields (<c>event:</c>, <c>id:</c>, <c>retry:</c>) are ignored.
/// </summary>
/// <remarks>
/// Memory is bounded: an event whose data exceeds <c>maxEventBytes</c> is dropped and counted in
/// <see cref="DroppedEvents"/> rather than buffered. <c>data: [DONE]</c> (OpenAI-style streams) sets
/// <see cref="Done"/> and is not passed on; anything after it is ignored. Unlike a browser, <see cref="Complete"/>
/// dispatches a last event whose blank line never came, provided its last line was terminated: some servers close
/// the connection right after the final line, and the usage in it is real.
/// </remarks>
internal sealed class SseReader(SseEventCallback onEvent, int maxEventBytes = SseReader.DefaultMaxEventBytes)
{
    public const int DefaultMaxEventBytes = 1024 * 1024;

    private enum LineState : byte
    {
        Start,
        FieldName,
        SkipSpace,
        Data,
        Ignore,
    }

    private readonly PooledByteBuffer data = new(maxEventBytes);
    private bool hasData;
    private LineState state;
    private int fieldLength;
    private bool afterCr;

    /// <summary>True once <c>data: [DONE]</c> was seen.</summary>
    public bool Done { get; private set; }

    /// <summary>Events skipped because their data exceeded the size cap.</summary>
    public int DroppedEvents { get; private set; }

    /// <summary>Feeds the next bytes; complete events are passed to the callback before this returns.</summary>
    public void Append(ReadOnlySpan<byte> input)
    {
        while (!input.IsEmpty && !Done)
        {
            if (afterCr)
            {
                afterCr = false;
                if (input[0] == (byte)'\n')
                {
                    input = input[1..];
                    continue;
                }
            }

            if (state is LineState.Data or LineState.Ignore)
            {
                var end = input.IndexOfAny((byte)'\r', (byte)'\n');
                if (end < 0)
                {
                    if (state == LineState.Data)
                        data.Append(input);
                    return;
                }

                if (state == LineState.Data)
                    data.Append(input[..end]);
                EndLine(input[end]);
                input = input[(end + 1)..];
                continue;
            }

            ProcessByte(input[0]);
            input = input[1..];
        }
    }

    /// <summary>Ends the stream: dispatches a final terminated-but-unseparated event and returns pooled memory.</summary>
    public void Complete()
    {
        if (!Done && state == LineState.Start)
            Dispatch();
        hasData = false;
        data.Release();
    }

    private void ProcessByte(byte b)
    {
        var endOfLine = b is (byte)'\r' or (byte)'\n';
        switch (state)
        {
            case LineState.Start:
                if (endOfLine)
                {
                    Dispatch();
                    afterCr = b == (byte)'\r';
                    return;
                }

                if (b == (byte)':')
                {
                    state = LineState.Ignore;
                    return;
                }

                state = LineState.FieldName;
                fieldLength = 0;
                goto case LineState.FieldName;

            case LineState.FieldName:
                if (endOfLine || b == (byte)':')
                {
                    // Only "data" matters; a bare "data" line (no colon) is a data line with an empty value.
                    if (fieldLength == 4)
                        BeginDataValue();
                    if (endOfLine)
                        EndLine(b);
                    else
                        state = fieldLength == 4 ? LineState.SkipSpace : LineState.Ignore;
                    return;
                }

                if (fieldLength >= 4 || b != "data"u8[fieldLength])
                {
                    state = LineState.Ignore;
                    return;
                }

                fieldLength++;
                return;

            case LineState.SkipSpace:
                if (endOfLine)
                {
                    EndLine(b);
                    return;
                }

                state = LineState.Data;
                if (b != (byte)' ')
                    data.Append(new ReadOnlySpan<byte>(in b));
                return;
        }
    }

    private void EndLine(byte endOfLine)
    {
        state = LineState.Start;
        afterCr = endOfLine == (byte)'\r';
    }

    private void BeginDataValue()
    {
        if (hasData)
            data.Append("\n"u8);
        hasData = true;
    }

    private void Dispatch()
    {
        if (hasData)
        {
            if (data.Overflowed)
                DroppedEvents++;
            else if (data.Span.SequenceEqual("[DONE]"u8))
                Done = true;
            else
                onEvent(data.Span);
        }

        hasData = false;
        data.Clear();
    }
}
