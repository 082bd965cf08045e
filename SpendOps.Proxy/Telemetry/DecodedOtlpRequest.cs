using SpendOps.Core.Telemetry;
using SpendOps.Proxy.Telemetry.Otlp;

namespace SpendOps.Proxy.Telemetry;

/// <summary>A parsed request. Exactly one of <see cref="Logs"/> and <see cref="Metrics"/> is set.</summary>
internal sealed record DecodedOtlpRequest(OtlpLogsRequest? Logs, OtlpMetricsRequest? Metrics)
{
    public int RecordCount => Logs?.RecordCount ?? Metrics?.RecordCount ?? 0;

    public int AttributeCount => Logs is not null ? OtlpRequestSize.Attributes(Logs) : Metrics is not null ? OtlpRequestSize.Attributes(Metrics) : 0;

    /// <summary>
    /// The copy to store: always normalized OTLP JSON with what <see cref="ContentRedaction"/> does not allow replaced,
    /// never the bytes as received (an unknown field, ignored by the parser, could hold a prompt as well as any attribute).
    /// Written only once the request is within the limits.
    /// </summary>
    public (string Body, TelemetryBodyFormat Format, bool Redacted) StoredCopy()
    {
        var redaction = new ContentRedaction();
        var body = Logs is not null ? OtlpJsonWriter.Write(Logs, redaction) : OtlpJsonWriter.Write(Metrics!, redaction);
        return (body, TelemetryBodyFormat.NormalizedJson, redaction.Redacted);
    }
}
