using System.Text.Json.Serialization;

namespace SpendOps.Proxy.Telemetry;

/// <summary><c>google.rpc.Status</c> in proto3 JSON form: <c>{"code":3,"message":"..."}</c>.</summary>
internal sealed record JsonStatus(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message);
