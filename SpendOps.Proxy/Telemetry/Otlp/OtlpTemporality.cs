namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>OTLP <c>AggregationTemporality</c>; the numbers are the wire values.</summary>
internal enum OtlpTemporality
{
    Unspecified = 0,
    Delta = 1,
    Cumulative = 2,
}
