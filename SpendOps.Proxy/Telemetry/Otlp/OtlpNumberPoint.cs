namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>A <c>NumberDataPoint</c>: exactly one of <see cref="AsDouble"/> and <see cref="AsInt"/> is set when valid.</summary>
internal sealed class OtlpNumberPoint
{
    public OtlpAttributes Attributes { get; init; } = [];
    public ulong StartTimeUnixNano { get; init; }
    public ulong TimeUnixNano { get; init; }
    public double? AsDouble { get; init; }
    public long? AsInt { get; init; }
    public uint Flags { get; init; }

    public decimal? Value => AsInt is { } i ? i : AsDouble is { } d ? OtlpValue.ToDecimal(d) : null;
}
