using SpendOps.Core.Telemetry;
using SpendOps.Proxy.Telemetry.Otlp;

namespace SpendOps.Proxy.Telemetry;

/// <summary>A decoded, authorized export request, ready to be mapped and written. Exactly one of <see cref="Logs"/> and <see cref="Metrics"/> is set.</summary>
internal sealed record TelemetryIngestRequest(
    Guid ConnectionId,
    Guid TenantId,
    string IngestKeyId,
    TelemetrySignal Signal,
    string ContentType,
    string? ContentEncoding,
    long WireBytes,
    long DecodedBytes,
    string StoredBody,
    TelemetryBodyFormat BodyFormat,
    bool BodyRedacted,
    OtlpLogsRequest? Logs,
    OtlpMetricsRequest? Metrics);
