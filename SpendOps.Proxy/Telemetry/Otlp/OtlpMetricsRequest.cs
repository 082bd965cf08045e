namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>An <c>ExportMetricsServiceRequest</c>, decoded from JSON or protobuf into one shape.</summary>
internal sealed class OtlpMetricsRequest
{
    public List<OtlpResourceMetrics> ResourceMetrics { get; } = [];

    public int RecordCount => ResourceMetrics.Sum(r => r.ScopeMetrics.Sum(s => s.Metrics.Sum(m => m.DataPoints.Count)));
}
