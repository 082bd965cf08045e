namespace SpendOps.Proxy.Telemetry.Otlp;

internal enum OtlpMetricKind
{
    /// <summary>Histogram, exponential histogram, summary or nothing: not read (Claude Code sends only sums).</summary>
    Other = 0,
    Sum,
    Gauge,
}
