using SpendOps.Core.Telemetry;
using SpendOps.Proxy.Telemetry.Otlp;

namespace SpendOps.Proxy.Telemetry;

/// <summary>A parsed request and the copy of it to store in the raw batch.</summary>
internal sealed record DecodedOtlpRequest(OtlpLogsRequest? Logs, OtlpMetricsRequest? Metrics, string StoredBody, TelemetryBodyFormat Format, bool Redacted)
{
    public int RecordCount => Logs?.RecordCount ?? Metrics?.RecordCount ?? 0;

    public int AttributeCount => Logs is not null ? OtlpRequestSize.Attributes(Logs) : Metrics is not null ? OtlpRequestSize.Attributes(Metrics) : 0;
}
