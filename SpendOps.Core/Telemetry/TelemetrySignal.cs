namespace SpendOps.Core.Telemetry;

/// <summary>The OTLP signal of a batch, from the path the exporter posted to (<c>/v1/metrics</c>, <c>/v1/logs</c>).</summary>
public enum TelemetrySignal
{
    Metrics = 0,
    Logs = 1,
}
