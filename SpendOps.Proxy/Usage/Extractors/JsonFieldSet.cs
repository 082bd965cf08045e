using System.Text;

namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>
/// The JSON values a <see cref="JsonFieldCollector"/> should capture, compiled into a small trie. A path is a
/// dot-separated list of object keys; a key followed by <c>[]</c> steps into every element of that array
/// (<c>candidates[].finishReason</c>). The field id reported for a capture is the path's index. Build one
/// instance per extractor type and share it: it is immutable.
/// </summary>
internal sealed class JsonFieldSet
{
    /// <summary>The node of the root object; also the node of each object element of a root array.</summary>
    public const int Root = 0;

    /// <summary>The node of a root array (its elements use <see cref="Root"/>).</summary>
    public const int RootArray = 1;

    /// <summary>Deepest path supported, counted in containers (the collector keeps one frame per level).</summary>
    public const int MaxDepth = 12;

    private readonly List<Node> nodes = [new Node(), new Node { Element = Root }];

    public JsonFieldSet(params string[] paths)
    {
        for (var field = 0; field < paths.Length; field++)
            Add(paths[field], field);
    }

    public int Count => nodes.Count;

    /// <summary>The node reached from <paramref name="node"/> by an object key, or -1.</summary>
    public int Child(int node, ReadOnlySpan<byte> key)
    {
        foreach (var (childKey, child) in nodes[node].Children)
        {
            if (key.SequenceEqual(childKey))
                return child;
        }

        return -1;
    }

    /// <summary>The node that applies to each element when <paramref name="node"/> is an array, or -1.</summary>
    public int Element(int node) => nodes[node].Element;

    /// <summary>The field captured at <paramref name="node"/>, or -1 when the node is only a step on a path.</summary>
    public int Field(int node) => nodes[node].Field;

    public bool HasChildren(int node) => nodes[node].Children.Count > 0;

    private void Add(string path, int field)
    {
        var node = Root;
        var depth = 1;
        foreach (var segment in path.Split('.'))
        {
            var isArray = segment.EndsWith("[]", StringComparison.Ordinal);
            var name = isArray ? segment[..^2] : segment;
            if (name.Length == 0)
                throw new ArgumentException($"Empty key in JSON path '{path}'.", nameof(path));
            node = ChildOrNew(node, Encoding.UTF8.GetBytes(name));
            if (isArray)
            {
                if (nodes[node].Element < 0)
                {
                    nodes.Add(new Node());
                    nodes[node].Element = nodes.Count - 1;
                }

                node = nodes[node].Element;
                depth++;
            }

            depth++;
        }

        if (depth > MaxDepth)
            throw new ArgumentException($"JSON path '{path}' is deeper than {MaxDepth} levels.", nameof(path));
        if (nodes[node].Field >= 0 || nodes[node].Children.Count > 0 || nodes[node].Element >= 0)
            throw new ArgumentException($"JSON path '{path}' overlaps another path.", nameof(path));
        nodes[node].Field = field;
    }

    private int ChildOrNew(int node, byte[] key)
    {
        var existing = Child(node, key);
        if (existing >= 0)
        {
            if (nodes[existing].Field >= 0)
                throw new ArgumentException($"A JSON path continues below a captured value ('{Encoding.UTF8.GetString(key)}').");
            return existing;
        }

        nodes.Add(new Node());
        nodes[node].Children.Add((key, nodes.Count - 1));
        return nodes.Count - 1;
    }

    private sealed class Node
    {
        public List<(byte[] Key, int Child)> Children { get; } = [];
        public int Element { get; set; } = -1;
        public int Field { get; set; } = -1;
    }
}
