namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>
/// The capture half of <see cref="JsonFieldCollector"/>: the value being captured (its kind, field and depth) and
/// its bytes, held only when the value spans chunks and never beyond the cap.
/// </summary>
internal sealed class JsonValueCapture(IJsonFieldSink sink, int captureCap)
{
    public enum Kind : byte { None, String, Container, Scalar }

    private readonly PooledByteBuffer bytes = new(captureCap);
    private int field;

    public Kind Current { get; private set; }

    /// <summary>For <see cref="Kind.Container"/>: the depth of the captured container, which ends when it closes.</summary>
    public int Depth { get; private set; }

    /// <summary>Values skipped because they exceeded the cap.</summary>
    public int Dropped { get; private set; }

    public void Begin(Kind kind, int fieldId, int depth)
    {
        Current = kind;
        field = fieldId;
        Depth = depth;
        bytes.Clear();
    }

    /// <summary>Keeps the bytes seen so far when the value continues in the next chunk.</summary>
    public void Continue(ReadOnlySpan<byte> part) => bytes.Append(part);

    /// <summary>The value ends with <paramref name="tail"/>; hands it to the sink unless it was too large.</summary>
    public void End(ReadOnlySpan<byte> tail)
    {
        Current = Kind.None;
        if (bytes.Length == 0 && !bytes.Overflowed)
        {
            // The whole value arrived in one chunk (always the case for an SSE event): no copy.
            if (tail.Length <= captureCap)
                sink.OnValue(field, tail);
            else
                Dropped++;
            return;
        }

        bytes.Append(tail);
        if (bytes.Overflowed)
            Dropped++;
        else
            sink.OnValue(field, bytes.Span);
        bytes.Clear();
    }

    public void Reset()
    {
        Current = Kind.None;
        bytes.Clear();
    }

    public void Release()
    {
        Reset();
        bytes.Release();
    }
}
