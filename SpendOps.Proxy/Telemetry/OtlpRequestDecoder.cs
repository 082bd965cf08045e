using System.Text;
using SpendOps.Core.Telemetry;
using SpendOps.Proxy.Telemetry.Otlp;

namespace SpendOps.Proxy.Telemetry;

/// <summary>
/// Parses a body in either encoding into the shared model and decides what to store: JSON as received, unless it
/// carries conversation content (<see cref="ContentRedaction"/>); protobuf as normalized JSON, so stored batches
/// can be read and re-parsed the same way whatever the sender used.
/// </summary>
internal static class OtlpRequestDecoder
{
    /// <exception cref="OtlpFormatException">The body is not a decodable OTLP request.</exception>
    public static DecodedOtlpRequest Decode(OtlpContentKind kind, TelemetrySignal signal, ReadOnlyMemory<byte> bytes)
    {
        if (signal == TelemetrySignal.Logs)
        {
            var logs = kind == OtlpContentKind.Json ? OtlpJsonParser.ParseLogs(bytes) : OtlpProtobufParser.ParseLogs(bytes);
            var redact = ContentRedaction.IsNeeded(logs);
            return kind == OtlpContentKind.Json && !redact
                ? new DecodedOtlpRequest(logs, null, Encoding.UTF8.GetString(bytes.Span), TelemetryBodyFormat.Json, false)
                : new DecodedOtlpRequest(logs, null, OtlpJsonWriter.Write(logs), TelemetryBodyFormat.NormalizedJson, redact);
        }

        var metrics = kind == OtlpContentKind.Json ? OtlpJsonParser.ParseMetrics(bytes) : OtlpProtobufParser.ParseMetrics(bytes);
        var redactMetrics = ContentRedaction.IsNeeded(metrics);
        return kind == OtlpContentKind.Json && !redactMetrics
            ? new DecodedOtlpRequest(null, metrics, Encoding.UTF8.GetString(bytes.Span), TelemetryBodyFormat.Json, false)
            : new DecodedOtlpRequest(null, metrics, OtlpJsonWriter.Write(metrics), TelemetryBodyFormat.NormalizedJson, redactMetrics);
    }

    /// <summary>
    /// What to keep of a body that could not be decoded: JSON text as is, anything else as base64 (so is "JSON" with
    /// NUL bytes, which PostgreSQL text columns refuse).
    /// </summary>
    public static (string Body, TelemetryBodyFormat Format) ForRejected(OtlpContentKind kind, ReadOnlyMemory<byte> bytes) =>
        kind == OtlpContentKind.Json && !bytes.Span.Contains((byte)0)
            ? (Encoding.UTF8.GetString(bytes.Span), TelemetryBodyFormat.Json)
            : (Convert.ToBase64String(bytes.Span), TelemetryBodyFormat.Base64);
}
