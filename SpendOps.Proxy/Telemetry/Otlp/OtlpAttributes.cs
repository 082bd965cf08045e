namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>An OTLP attribute list in wire order. Lookups take the first entry with the key, as the spec says keys are unique.</summary>
internal sealed class OtlpAttributes : List<KeyValuePair<string, OtlpValue>>
{
    public static readonly OtlpAttributes None = [];

    public OtlpValue? Find(string key)
    {
        foreach (var (k, v) in this)
        {
            if (string.Equals(k, key, StringComparison.Ordinal))
                return v;
        }
        return null;
    }

    public string? Text(string key) => Find(key)?.AsText() is { Length: > 0 } text ? text : null;

    public long? Long(string key) => Find(key)?.AsLong();

    public decimal? Decimal(string key) => Find(key)?.AsDecimal();
}
