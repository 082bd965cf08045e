using System.Buffers;
using CaptureKind = SpendOps.Proxy.Usage.Extractors.JsonValueCapture.Kind;

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

    // Outside any tracked container only nesting and strings matter, so the scanner jumps between these.
    private static readonly SearchValues<byte> Structural = SearchValues.Create("{}[]\""u8);

    private enum Phase : byte { BeforeRoot, InRoot, Done, Failed }

    private readonly JsonPathTracker path = new(fields);
    private readonly JsonValueCapture capture = new(sink, captureCap);

    private Phase phase;
    private int depth;
    private bool inString;
    private bool escaped;
    private bool readingKey;

    /// <summary>True once the root object or array closed.</summary>
    public bool RootCompleted => phase == Phase.Done;

    /// <summary>True when the input did not start like JSON (or closed more than it opened).</summary>
    public bool Failed => phase == Phase.Failed;

    /// <summary>Selected values skipped because they exceeded the capture cap.</summary>
    public int DroppedCaptures => capture.Dropped;

    public void Append(ReadOnlySpan<byte> input)
    {
        var captureStart = 0;
        var i = 0;
        while (i < input.Length && phase is Phase.BeforeRoot or Phase.InRoot)
        {
            if (inString)
            {
                i = ScanString(input, i, captureStart);
                continue;
            }

            var atFrame = path.AtFrame(depth);
            if (!atFrame && capture.Current != CaptureKind.Scalar && phase == Phase.InRoot)
            {
                var next = input[i..].IndexOfAny(Structural);
                if (next < 0)
                    break;
                i += next;
            }

            var b = input[i];
            if (capture.Current == CaptureKind.Scalar && b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)',' or (byte)'}' or (byte)']' or (byte)':' or (byte)'"')
                capture.End(input[captureStart..i]);

            switch (b)
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    break;
                case (byte)'"':
                    inString = true;
                    readingKey = atFrame && path.ExpectsKey;
                    if (readingKey)
                        path.BeginKey();
                    else if (atFrame && path.ExpectsValue)
                        BeginCapture(path.StartValue(), CaptureKind.String, i, ref captureStart);
                    break;
                case (byte)':':
                    if (atFrame)
                        path.Colon();
                    break;
                case (byte)',':
                    if (atFrame)
                        path.Comma();
                    break;
                case (byte)'{' or (byte)'[':
                    OpenContainer(b == (byte)'[', atFrame, i, ref captureStart);
                    break;
                case (byte)'}' or (byte)']':
                    if (capture.Current == CaptureKind.Container && depth == capture.Depth)
                        capture.End(input[captureStart..(i + 1)]);
                    CloseContainer(atFrame);
                    break;
                default:
                    if (phase == Phase.BeforeRoot && b is not (0xEF or 0xBB or 0xBF))
                        phase = Phase.Failed;
                    else if (atFrame && path.ExpectsValue)
                        BeginCapture(path.StartValue(), CaptureKind.Scalar, i, ref captureStart);
                    break;
            }

            i++;
        }

        if (capture.Current != CaptureKind.None)
            capture.Continue(input[captureStart..]);
    }

    /// <summary>Prepares for a new document (the next SSE event) and keeps the pooled buffer.</summary>
    public void Reset()
    {
        phase = Phase.BeforeRoot;
        depth = 0;
        inString = false;
        escaped = false;
        readingKey = false;
        capture.Reset();
        path.Reset();
    }

    /// <summary>Returns the pooled capture buffer.</summary>
    public void Release()
    {
        Reset();
        capture.Release();
    }

    private int ScanString(ReadOnlySpan<byte> input, int i, int captureStart)
    {
        if (escaped)
        {
            escaped = false;
            if (readingKey)
                path.AppendKey(input.Slice(i, 1));
            return i + 1;
        }

        var next = input[i..].IndexOfAny((byte)'"', (byte)'\\');
        if (next < 0)
        {
            if (readingKey)
                path.AppendKey(input[i..]);
            return input.Length;
        }

        var end = i + next;
        if (input[end] == (byte)'\\')
        {
            // Keys keep their escapes as written (so escaped keys never match a wanted one).
            if (readingKey)
                path.AppendKey(input[i..(end + 1)]);
            escaped = true;
            return end + 1;
        }

        if (readingKey)
            path.AppendKey(input[i..end]);

        inString = false;
        if (readingKey)
        {
            readingKey = false;
            path.EndKey();
        }
        else if (capture.Current == CaptureKind.String)
        {
            capture.End(input[captureStart..(end + 1)]);
        }

        return end + 1;
    }

    private void OpenContainer(bool isArray, bool atFrame, int i, ref int captureStart)
    {
        if (phase == Phase.BeforeRoot)
        {
            phase = Phase.InRoot;
            depth = 1;
            path.OpenRoot(isArray);
            return;
        }

        var target = atFrame && path.ExpectsValue ? path.StartValue() : -1;
        depth++;
        if (target < 0 || capture.Current != CaptureKind.None)
            return;
        if (fields.Field(target) >= 0)
            BeginCapture(target, CaptureKind.Container, i, ref captureStart);
        else
            path.TryPush(target, isArray, depth);
    }

    private void CloseContainer(bool atFrame)
    {
        if (depth == 0)
        {
            phase = Phase.Failed;
            return;
        }

        if (atFrame && path.Pop())
            sink.OnDocumentEnd();
        depth--;
        if (depth == 0)
            phase = Phase.Done;
    }

    private void BeginCapture(int target, CaptureKind kind, int i, ref int captureStart)
    {
        if (target < 0 || capture.Current != CaptureKind.None || fields.Field(target) < 0)
            return;
        capture.Begin(kind, fields.Field(target), depth);
        captureStart = i;
    }
}
