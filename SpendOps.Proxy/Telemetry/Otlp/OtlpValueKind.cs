namespace SpendOps.Proxy.Telemetry.Otlp;

internal enum OtlpValueKind
{
    /// <summary>No value: <c>{}</c>, <c>null</c>, or a value of the wrong JSON type (for example <c>{"doubleValue": {}}</c>).</summary>
    Empty = 0,
    String,
    Bool,
    Int,
    Double,
    Array,
    KeyValueList,
    Bytes,
}
