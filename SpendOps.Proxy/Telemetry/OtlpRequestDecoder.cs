using SpendOps.Core.Telemetry;
using SpendOps.Proxy.Telemetry.Otlp;

namespace SpendOps.Proxy.Telemetry;

/// <summary>Parses a body in either encoding into the shared model (<see cref="DecodedOtlpRequest"/>).</summary>
internal static class OtlpRequestDecoder
{
    /// <exception cref="OtlpFormatException">The body is not a decodable OTLP request.</exception>
    public static DecodedOtlpRequest Decode(OtlpContentKind kind, TelemetrySignal signal, ReadOnlyMemory<byte> bytes)
    {
        if (signal == TelemetrySignal.Logs)
            return new DecodedOtlpRequest(kind == OtlpContentKind.Json ? OtlpJsonParser.ParseLogs(bytes) : OtlpProtobufParser.ParseLogs(bytes), null);
        return new DecodedOtlpRequest(null, kind == OtlpContentKind.Json ? OtlpJsonParser.ParseMetrics(bytes) : OtlpProtobufParser.ParseMetrics(bytes));
    }

    /// <summary>
    /// What to keep of a body that could not be decoded: only its size. A body that cannot be parsed cannot be checked
    /// for prompts or responses either, and conversation content is never stored.
    /// </summary>
    public static (string Body, TelemetryBodyFormat Format) ForRejected(ReadOnlyMemory<byte> bytes) =>
        ($"{{\"notKept\":\"The body could not be decoded, so it could not be checked for conversation content and was not stored.\",\"bytes\":{bytes.Length}}}",
            TelemetryBodyFormat.Json);
}
