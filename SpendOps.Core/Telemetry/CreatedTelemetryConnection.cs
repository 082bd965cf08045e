using SpendOps.Core.Keys;

namespace SpendOps.Core.Telemetry;

/// <summary>A new connection with its first ingest key; <paramref name="FullKey"/> is shown only this once.</summary>
public sealed record CreatedTelemetryConnection(TelemetryConnection Connection, IngestKey Key, string FullKey)
{
    /// <summary>The collector root to paste into <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> after the public base URL.</summary>
    public string EndpointPath => Connection.EndpointPath;
}
