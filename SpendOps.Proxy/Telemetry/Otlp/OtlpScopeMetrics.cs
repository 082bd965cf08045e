namespace SpendOps.Proxy.Telemetry.Otlp;

internal sealed class OtlpScopeMetrics
{
    public OtlpScope? Scope { get; init; }
    public List<OtlpMetric> Metrics { get; } = [];
    public string? SchemaUrl { get; init; }
}
