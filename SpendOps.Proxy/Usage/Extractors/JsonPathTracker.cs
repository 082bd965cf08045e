namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>
/// The path-matching half of <see cref="JsonFieldCollector"/>: a stack with one frame per open container that lies
/// on a wanted path (never deeper than <see cref="JsonFieldSet.MaxDepth"/>), the key being read in the innermost of
/// them, and which <see cref="JsonFieldSet"/> node the next value there belongs to. Containers off every path get no
/// frame; the scanner only counts their depth.
/// </summary>
internal sealed class JsonPathTracker(JsonFieldSet fields)
{
    private const int MaxKeyBytes = 64;

    private enum Expect : byte { Key, Colon, Value, AfterValue }

    private readonly int[] frameNode = new int[JsonFieldSet.MaxDepth + 2];
    private readonly int[] frameDepth = new int[JsonFieldSet.MaxDepth + 2];
    private readonly bool[] frameIsArray = new bool[JsonFieldSet.MaxDepth + 2];
    private readonly byte[] key = new byte[MaxKeyBytes];

    private int frameCount;
    private Expect expect;
    private int valueTarget = -1;
    private int keyLength;
    private bool keyTooLong;

    /// <summary>True when the scanner, at <paramref name="depth"/>, is directly inside the innermost tracked container.</summary>
    public bool AtFrame(int depth) => frameCount > 0 && depth == frameDepth[frameCount - 1];

    /// <summary>At frame level, whether a string starting now is an object key.</summary>
    public bool ExpectsKey => !frameIsArray[frameCount - 1] && expect == Expect.Key;

    /// <summary>At frame level, whether a token starting now is a value (after a colon, or an array element).</summary>
    public bool ExpectsValue => expect == Expect.Value;

    public void Reset()
    {
        frameCount = 0;
        expect = Expect.Key;
        valueTarget = -1;
    }

    public void OpenRoot(bool isArray) => Push(isArray ? JsonFieldSet.RootArray : JsonFieldSet.Root, isArray, depth: 1);

    public void BeginKey()
    {
        keyLength = 0;
        keyTooLong = false;
    }

    public void AppendKey(ReadOnlySpan<byte> bytes)
    {
        if (keyTooLong || keyLength + bytes.Length > MaxKeyBytes)
        {
            keyTooLong = true;
            return;
        }

        bytes.CopyTo(key.AsSpan(keyLength));
        keyLength += bytes.Length;
    }

    public void EndKey() => expect = Expect.Colon;

    public void Colon()
    {
        if (expect != Expect.Colon)
            return;
        valueTarget = keyTooLong ? -1 : fields.Child(frameNode[frameCount - 1], key.AsSpan(0, keyLength));
        expect = Expect.Value;
    }

    public void Comma()
    {
        var top = frameCount - 1;
        expect = frameIsArray[top] ? Expect.Value : Expect.Key;
        valueTarget = frameIsArray[top] ? fields.Element(frameNode[top]) : -1;
    }

    /// <summary>At frame level, a value starts: returns the node it belongs to, or -1 when it is not wanted.</summary>
    public int StartValue()
    {
        var target = expect == Expect.Value ? valueTarget : -1;
        expect = Expect.AfterValue;
        valueTarget = -1;
        return target;
    }

    /// <summary>Tracks a container opened at <paramref name="depth"/> for <paramref name="node"/> if a wanted path goes through it.</summary>
    public void TryPush(int node, bool isArray, int depth)
    {
        if (isArray ? fields.Element(node) >= 0 : fields.HasChildren(node))
            Push(node, isArray, depth);
    }

    /// <summary>
    /// The innermost tracked container closed. Returns true when that ends a document: the root object, or an object
    /// element of a root array.
    /// </summary>
    public bool Pop()
    {
        frameCount--;
        expect = Expect.AfterValue;
        return frameCount == 0
            ? frameNode[0] == JsonFieldSet.Root
            : frameCount == 1 && frameNode[0] == JsonFieldSet.RootArray;
    }

    private void Push(int node, bool isArray, int depth)
    {
        frameNode[frameCount] = node;
        frameDepth[frameCount] = depth;
        frameIsArray[frameCount] = isArray;
        frameCount++;
        expect = isArray ? Expect.Value : Expect.Key;
        valueTarget = isArray ? fields.Element(node) : -1;
    }
}
