using System.Buffers;

namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>
/// Streams through a JSON body of any size and captures only the raw bytes of the values selected by a
/// <see cref="JsonFieldSet"/> (e.g. <c>usage</c>, <c>model</c>), for a root object or for each object element of
/// a root array (Gemini's streamed <c>[{...},\r\n{...}]</c>). Everything else, such as a multi-megabyte base64
/// image or a long completion, is skipped without being buffered.
/// </summary>
/// <remarks>
/// This is a structural scanner, not a validator: it tracks nesting depth, strings and escapes, and leaves
/// validation to <c>Utf8JsonReader</c> on the (small) captured values. <c>Utf8JsonReader</c> over the whole body is
/// not an option for a stream: it needs each whole token, including a multi-megabyte string, in one buffer. Each
/// capture is capped (<c>captureCap</c>); a larger value is skipped and counted in <see cref="DroppedCaptures"/>.
/// Keys are compared as raw bytes, so a key written with escapes (<c>"\u0075sage"</c>) is not recognised.
/// </remarks>
internal sealed class JsonFieldCollector(JsonFieldSet fields, IJsonFieldSink sink, int captureCap = JsonFieldCollector.DefaultCaptureCap)
{
    public const int DefaultCaptureCap = 256 * 1024;
    private const int MaxKeyBytes = 64;
    private const int InitialCaptureBytes = 1024;

    // Outside any selected container only nesting and strings matter, so the scanner jumps between these.
    private static readonly SearchValues<byte> Structural = SearchValues.Create("{}[]\""u8);

    private enum Phase : byte { BeforeRoot, InRoot, Done, Failed }

    private enum Expect : byte { Key, Colon, Value, AfterValue }

    private enum Capture : byte { None, String, Container, Scalar }

    private readonly int[] frameNode = new int[JsonFieldSet.MaxDepth + 2];
    private readonly int[] frameDepth = new int[JsonFieldSet.MaxDepth + 2];
    private readonly bool[] frameIsArray = new bool[JsonFieldSet.MaxDepth + 2];
    private readonly byte[] key = new byte[MaxKeyBytes];

    private Phase phase;
    private int depth;
    private int frameCount;
    private bool inString;
    private bool escaped;
    private Expect expect;
    private int valueTarget = -1;
    private bool readingKey;
    private int keyLength;
    private bool keyTooLong;
    private Capture capture;
    private int captureField;
    private int captureDepth;
    private byte[]? captureBuffer;
    private int captureLength;
    private bool captureOverflow;

    /// <summary>True once the root object or array closed.</summary>
    public bool RootCompleted => phase == Phase.Done;

    /// <summary>True when the input did not start like JSON (or closed more than it opened).</summary>
    public bool Failed => phase == Phase.Failed;

    /// <summary>Selected values skipped because they exceeded the capture cap.</summary>
    public int DroppedCaptures { get; private set; }

    public void Append(ReadOnlySpan<byte> input)
    {
        var captureStart = 0;
        var i = 0;
        while (i < input.Length && phase is Phase.BeforeRoot or Phase.InRoot)
        {
            if (inString)
            {
                i = ScanString(input, i, ref captureStart);
                continue;
            }

            var atFrame = frameCount > 0 && depth == frameDepth[frameCount - 1];
            if (!atFrame && capture != Capture.Scalar && phase == Phase.InRoot)
            {
                var next = input[i..].IndexOfAny(Structural);
                if (next < 0)
                    break;
                i += next;
            }

            var b = input[i];
            if (capture == Capture.Scalar && b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)'}' or (byte)']' or (byte)':' or (byte)'"')
                EndCapture(input[captureStart..i]);

            switch (b)
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    break;
                case (byte)'"':
                    inString = true;
                    if (atFrame && !frameIsArray[frameCount - 1] && expect == Expect.Key)
                    {
                        readingKey = true;
                        keyLength = 0;
                        keyTooLong = false;
                    }
                    else if (atFrame && expect == Expect.Value)
                    {
                        BeginValue(Capture.String, i, ref captureStart);
                    }

                    break;
                case (byte)':':
                    if (atFrame && expect == Expect.Colon)
                    {
                        valueTarget = keyTooLong ? -1 : fields.Child(frameNode[frameCount - 1], key.AsSpan(0, keyLength));
                        expect = Expect.Value;
                    }

                    break;
                case (byte)',':
                    if (atFrame)
                        AfterComma();
                    break;
                case (byte)'{' or (byte)'[':
                    OpenContainer(b == (byte)'[', atFrame, i, ref captureStart);
                    break;
                case (byte)'}' or (byte)']':
                    if (capture == Capture.Container && depth == captureDepth)
                        EndCapture(input[captureStart..(i + 1)]);
                    CloseContainer(atFrame);
                    break;
                default:
                    if (phase == Phase.BeforeRoot && !IsByteOrderMark(b))
                        phase = Phase.Failed;
                    else if (atFrame && expect == Expect.Value)
                        BeginValue(Capture.Scalar, i, ref captureStart);
                    break;
            }

            i++;
        }

        if (capture != Capture.None)
            AppendCapture(input[captureStart..]);
    }

    /// <summary>Prepares for a new document (the next SSE event) and keeps the pooled buffer.</summary>
    public void Reset()
    {
        phase = Phase.BeforeRoot;
        depth = 0;
        frameCount = 0;
        inString = false;
        escaped = false;
        expect = Expect.Key;
        valueTarget = -1;
        readingKey = false;
        capture = Capture.None;
        captureLength = 0;
        captureOverflow = false;
    }

    /// <summary>Returns the pooled capture buffer.</summary>
    public void Release()
    {
        Reset();
        if (captureBuffer is not null)
            ArrayPool<byte>.Shared.Return(captureBuffer);
        captureBuffer = null;
    }

    private int ScanString(ReadOnlySpan<byte> input, int i, ref int captureStart)
    {
        if (escaped)
        {
            escaped = false;
            if (readingKey)
                AppendKey(input.Slice(i, 1));
            return i + 1;
        }

        var next = input[i..].IndexOfAny((byte)'"', (byte)'\\');
        if (next < 0)
        {
            if (readingKey)
                AppendKey(input[i..]);
            return input.Length;
        }

        if (readingKey)
            AppendKey(input.Slice(i, next + (input[i + next] == (byte)'\\' ? 1 : 0)));
        i += next;
        if (input[i] == (byte)'\\')
        {
            escaped = true;
            return i + 1;
        }

        inString = false;
        if (readingKey)
        {
            readingKey = false;
            expect = Expect.Colon;
        }
        else if (capture == Capture.String)
        {
            EndCapture(input[captureStart..(i + 1)]);
        }

        return i + 1;
    }

    private void BeginValue(Capture kind, int i, ref int captureStart)
    {
        var target = valueTarget;
        expect = Expect.AfterValue;
        valueTarget = -1;
        if (target < 0 || capture != Capture.None || fields.Field(target) < 0)
            return;
        capture = kind;
        captureField = fields.Field(target);
        captureStart = i;
        captureLength = 0;
        captureOverflow = false;
    }

    private void OpenContainer(bool isArray, bool atFrame, int i, ref int captureStart)
    {
        if (phase == Phase.BeforeRoot)
        {
            phase = Phase.InRoot;
            depth = 1;
            Push(isArray ? JsonFieldSet.RootArray : JsonFieldSet.Root, isArray);
            return;
        }

        var target = atFrame && expect == Expect.Value ? valueTarget : -1;
        if (atFrame)
        {
            expect = Expect.AfterValue;
            valueTarget = -1;
        }

        depth++;
        if (target < 0 || capture != Capture.None)
            return;
        if (fields.Field(target) >= 0)
        {
            capture = Capture.Container;
            captureField = fields.Field(target);
            captureDepth = depth;
            captureStart = i;
            captureLength = 0;
            captureOverflow = false;
        }
        else if (isArray ? fields.Element(target) >= 0 : fields.HasChildren(target))
        {
            Push(target, isArray);
        }
    }

    private void Push(int node, bool isArray)
    {
        frameNode[frameCount] = node;
        frameDepth[frameCount] = depth;
        frameIsArray[frameCount] = isArray;
        frameCount++;
        expect = isArray ? Expect.Value : Expect.Key;
        valueTarget = isArray ? fields.Element(node) : -1;
    }

    private void CloseContainer(bool atFrame)
    {
        if (depth == 0)
        {
            phase = Phase.Failed;
            return;
        }

        if (atFrame)
        {
            frameCount--;
            expect = Expect.AfterValue;
            var rootIsArray = frameCount > 0 && frameNode[0] == JsonFieldSet.RootArray;
            if (frameCount == 0 ? frameNode[0] == JsonFieldSet.Root : rootIsArray && frameCount == 1)
                sink.OnDocumentEnd();
        }

        depth--;
        if (depth == 0)
            phase = Phase.Done;
    }

    private void AfterComma()
    {
        var top = frameCount - 1;
        expect = frameIsArray[top] ? Expect.Value : Expect.Key;
        valueTarget = frameIsArray[top] ? fields.Element(frameNode[top]) : -1;
    }

    private void AppendKey(ReadOnlySpan<byte> bytes)
    {
        if (keyTooLong || keyLength + bytes.Length > MaxKeyBytes)
        {
            keyTooLong = true;
            return;
        }

        bytes.CopyTo(key.AsSpan(keyLength));
        keyLength += bytes.Length;
    }

    private void AppendCapture(ReadOnlySpan<byte> bytes)
    {
        if (captureOverflow || bytes.IsEmpty)
            return;
        if (captureLength + bytes.Length > captureCap)
        {
            captureOverflow = true;
            return;
        }

        if (captureBuffer is null || captureBuffer.Length < captureLength + bytes.Length)
        {
            var next = ArrayPool<byte>.Shared.Rent(Math.Max(captureLength + bytes.Length, Math.Max(InitialCaptureBytes, (captureBuffer?.Length ?? 0) * 2)));
            if (captureBuffer is not null)
            {
                captureBuffer.AsSpan(0, captureLength).CopyTo(next);
                ArrayPool<byte>.Shared.Return(captureBuffer);
            }

            captureBuffer = next;
        }

        bytes.CopyTo(captureBuffer.AsSpan(captureLength));
        captureLength += bytes.Length;
    }

    private void EndCapture(ReadOnlySpan<byte> tail)
    {
        var field = captureField;
        capture = Capture.None;
        if (captureLength == 0 && !captureOverflow)
        {
            // The whole value arrived in this chunk (always the case for an SSE event): no copy.
            if (tail.Length <= captureCap)
                sink.OnValue(field, tail);
            else
                DroppedCaptures++;
            return;
        }

        AppendCapture(tail);
        if (captureOverflow)
            DroppedCaptures++;
        else
            sink.OnValue(field, captureBuffer.AsSpan(0, captureLength));
        captureLength = 0;
        captureOverflow = false;
    }

    private static bool IsByteOrderMark(byte b) => b is 0xEF or 0xBB or 0xBF;
}
