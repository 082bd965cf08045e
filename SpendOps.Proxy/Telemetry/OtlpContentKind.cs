namespace SpendOps.Proxy.Telemetry;

/// <summary>The two OTLP/HTTP encodings. Responses use the request's encoding, as the spec requires.</summary>
internal enum OtlpContentKind
{
    Json,
    Protobuf,
}
