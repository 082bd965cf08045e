namespace SpendOps.Proxy.Telemetry.Otlp;

internal sealed class OtlpResourceMetrics
{
    public OtlpAttributes Resource { get; init; } = [];
    public List<OtlpScopeMetrics> ScopeMetrics { get; } = [];
    public string? SchemaUrl { get; init; }
}
