namespace SpendOps.Proxy.Telemetry.Otlp;

internal sealed class OtlpMetric
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? Unit { get; init; }
    public OtlpMetricKind Kind { get; init; }
    public OtlpTemporality Temporality { get; init; }
    public bool IsMonotonic { get; init; }
    public List<OtlpNumberPoint> DataPoints { get; } = [];
}
