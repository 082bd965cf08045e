namespace SpendOps.Core.Telemetry;

/// <summary>
/// The OTLP collector root customers paste into <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>. The exporter appends
/// <c>/v1/metrics</c> and <c>/v1/logs</c> itself, so setup snippets must show the root, never a signal path.
/// </summary>
public static class TelemetryIngestPaths
{
    public const string Root = "/api/v1/public/ingest/otel/claude";

    public static string ForConnection(Guid connectionId) => $"{Root}/{FormatId(connectionId)}";

    /// <summary>Connection ids appear in URLs in the plain 36-character form.</summary>
    public static string FormatId(Guid connectionId) => connectionId.ToString("D");
}
