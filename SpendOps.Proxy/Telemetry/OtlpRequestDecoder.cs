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
    /// What to keep of a body that could not be decoded: only its size. A body that cannot be parsed cannot be checked
    /// for prompts or responses either, and conversation content is never stored.
    /// </summary>
    public static (string Body, TelemetryBodyFormat Format) ForRejected(ReadOnlyMemory<byte> bytes) =>
        ($"{{\"notKept\":\"The body could not be decoded, so it could not be checked for conversation content and was not stored.\",\"bytes\":{bytes.Length}}}",
            TelemetryBodyFormat.Json);
}
