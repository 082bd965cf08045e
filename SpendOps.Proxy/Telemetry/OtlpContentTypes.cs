using Microsoft.Net.Http.Headers;

namespace SpendOps.Proxy.Telemetry;

internal static class OtlpContentTypes
{
    public const string Json = "application/json";
    public const string Protobuf = "application/x-protobuf";

    /// <summary>The encoding of a <c>Content-Type</c> (parameters such as <c>charset</c> ignored); null when unsupported.</summary>
    public static OtlpContentKind? Detect(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
            return null;
        var mediaType = parsed.MediaType.Value?.ToLowerInvariant();
        return mediaType switch
        {
            Json => OtlpContentKind.Json,
            Protobuf or "application/protobuf" => OtlpContentKind.Protobuf,
            _ => null,
        };
    }

    public static string For(OtlpContentKind kind) => kind == OtlpContentKind.Protobuf ? Protobuf : Json;
}
