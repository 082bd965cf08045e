namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>The body is not a decodable OTLP request. The message is sent back to the exporter in the 400 status body.</summary>
internal sealed class OtlpFormatException(string message, Exception? inner = null) : Exception(message, inner);
