namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>
/// An OTLP attribute list in wire order. Lookups take the first entry with the key, as the spec says keys are unique,
/// through an index built on the first lookup: a resource's list is shared by every record under it, and a linear
/// scan per lookup per record made a small hostile batch cost minutes.
/// </summary>
internal sealed class OtlpAttributes : List<KeyValuePair<string, OtlpValue>>
{
    public static readonly OtlpAttributes None = [];

    private Dictionary<string, OtlpValue>? index;
    private int indexedCount;

    public OtlpValue? Find(string key)
    {
        if (index is null || indexedCount != Count)
            BuildIndex();
        return index!.GetValueOrDefault(key);
    }

    public string? Text(string key) => Find(key)?.AsText() is { Length: > 0 } text ? text : null;

    public long? Long(string key) => Find(key)?.AsLong();

    public decimal? Decimal(string key) => Find(key)?.AsDecimal();

    private void BuildIndex()
    {
        var built = new Dictionary<string, OtlpValue>(Count, StringComparer.Ordinal);
        foreach (var (key, value) in this)
            built.TryAdd(key, value);
        index = built;
        indexedCount = Count;
    }
}
