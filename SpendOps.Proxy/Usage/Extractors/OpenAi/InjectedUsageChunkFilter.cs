using System.Buffers;

namespace SpendOps.Proxy.Usage.Extractors.OpenAi;

/// <summary>
/// Removes from a Chat Completions SSE response the one chunk that exists only because
/// <see cref="StreamUsageInjector"/> added <c>stream_options.include_usage</c>: a <c>data:</c> event whose JSON has
/// <c>"choices": []</c> and a non-null <c>usage</c>, with its blank line. Every other byte passes through as is.
/// </summary>
/// <remarks>
/// <para>Usage: feed each upstream chunk to <see cref="Write"/> with the writer of the client response, and call
/// <see cref="Flush"/> once at the end. Feed the usage extractor the unfiltered upstream bytes, not the output.</para>
/// <para>Latency: an event must be seen whole before it can be dropped, so the filter holds back at most the
/// current, unfinished event (providers write each event in one piece, so in practice nothing waits). An event
/// longer than <see cref="MaxHeldBytes"/> cannot be the small usage chunk: it is released at once and streamed
/// through. Line endings follow the SSE rules (<c>\n</c>, <c>\r\n</c>, <c>\r</c>, also split across writes).</para>
/// </remarks>
internal sealed class InjectedUsageChunkFilter
{
    public const int MaxHeldBytes = 64 * 1024;

    private enum LfOwner : byte { None, Event, Output, Dropped }

    private readonly PooledByteBuffer held = new(MaxHeldBytes);
    private bool passThrough;
    private bool eventHasContent;
    private int lineLength;
    private LfOwner pendingLf;

    /// <summary>Events removed so far (0 or 1 for a well-formed stream).</summary>
    public int RemovedEvents { get; private set; }

    /// <summary>Writes to <paramref name="output"/> every byte of <paramref name="input"/> that can be released now.</summary>
    public void Write(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        while (!input.IsEmpty)
        {
            if (pendingLf != LfOwner.None)
            {
                // The \n of a \r\n line ending belongs with the \r, whichever write it arrives in.
                var lfOwner = pendingLf;
                pendingLf = LfOwner.None;
                if (input[0] == (byte)'\n')
                {
                    if (lfOwner == LfOwner.Event)
                        AppendToEvent(input[..1], output);
                    else if (lfOwner == LfOwner.Output)
                        output.Write(input[..1]);
                    input = input[1..];
                    continue;
                }
            }

            var end = input.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                lineLength += input.Length;
                eventHasContent = true;
                AppendToEvent(input, output);
                return;
            }

            var isCr = input[end] == (byte)'\r';
            var line = input[..(end + 1)];
            input = input[(end + 1)..];
            if (lineLength + end > 0)
            {
                eventHasContent = true;
                lineLength = 0;
                AppendToEvent(line, output);
                if (isCr)
                    pendingLf = LfOwner.Event;
                continue;
            }

            // A blank line: it ends the current event, or is a stray separator when no event is open.
            var terminatorOwner = EndEvent(line, output);
            if (isCr)
                pendingLf = terminatorOwner;
        }
    }

    /// <summary>Releases whatever is held (an unfinished last event passes through unchanged) and returns the buffer.</summary>
    public void Flush(IBufferWriter<byte> output)
    {
        if (held.Length > 0)
            output.Write(held.Span);
        held.Release();
        passThrough = false;
        eventHasContent = false;
        lineLength = 0;
        pendingLf = LfOwner.None;
    }

    private LfOwner EndEvent(ReadOnlySpan<byte> blankLine, IBufferWriter<byte> output)
    {
        if (!eventHasContent)
        {
            output.Write(blankLine);
            return LfOwner.Output;
        }

        var owner = LfOwner.Output;
        if (passThrough)
        {
            output.Write(blankLine);
        }
        else if (InjectedUsageChunk.Matches(held.Span))
        {
            RemovedEvents++;
            owner = LfOwner.Dropped;
        }
        else
        {
            output.Write(held.Span);
            output.Write(blankLine);
        }

        held.Clear();
        passThrough = false;
        eventHasContent = false;
        return owner;
    }

    private void AppendToEvent(ReadOnlySpan<byte> bytes, IBufferWriter<byte> output)
    {
        if (passThrough)
        {
            output.Write(bytes);
            return;
        }

        if (held.Length + bytes.Length > MaxHeldBytes)
        {
            output.Write(held.Span);
            output.Write(bytes);
            held.Clear();
            passThrough = true;
            return;
        }

        held.Append(bytes);
    }
}
