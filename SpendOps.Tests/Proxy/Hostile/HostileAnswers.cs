using System.Text.Json;
using SpendOps.Tests.Infrastructure;
using RpcStatus = SpendOps.Proxy.Telemetry.Protos.Rpc.Status;

namespace SpendOps.Tests.Proxy.Hostile;

/// <summary>Reads the message out of a refusal in the shape a client's SDK or exporter expects, checking the shape on the way.</summary>
public static class HostileAnswers
{
    /// <summary>The message of an OpenAI, Anthropic or Gemini error body, whose type fields must match the status.</summary>
    public static string ProviderMessage(string body, HostileEnvelope envelope, int status)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var error = root.GetProperty("error");
        switch (envelope)
        {
            case HostileEnvelope.Anthropic:
                Assert.Equal("error", root.GetProperty("type").GetString());
                Assert.Equal(status switch { 400 => "invalid_request_error", 403 => "permission_error", 404 => "not_found_error", 413 => "request_too_large", _ => "?" },
                    error.GetProperty("type").GetString());
                break;
            case HostileEnvelope.Gemini:
                Assert.Equal(status, error.GetProperty("code").GetInt32());
                Assert.Equal(status switch { 400 or 413 => "INVALID_ARGUMENT", 403 => "PERMISSION_DENIED", 404 => "NOT_FOUND", _ => "?" },
                    error.GetProperty("status").GetString());
                break;
            default:
                Assert.Equal(status switch { 400 or 404 or 413 => "invalid_request_error", 403 => "permission_error", _ => "?" },
                    error.GetProperty("type").GetString());
                Assert.Equal(JsonValueKind.Null, error.GetProperty("param").ValueKind);
                break;
        }
        return error.GetProperty("message").GetString()!;
    }

    /// <summary>The ingest's <c>google.rpc.Status</c> (code 0 and no message for an accepted batch), JSON or protobuf by Content-Type.</summary>
    public static (int Code, string Message) OtlpStatus(RawHttpExchange response)
    {
        var contentType = response.Headers["Content-Type"];
        if (contentType.StartsWith("application/x-protobuf", StringComparison.Ordinal))
        {
            var status = RpcStatus.Parser.ParseFrom(response.BodyBytes);
            return (status.Code, status.Message);
        }
        Assert.StartsWith("application/json", contentType);
        using var json = JsonDocument.Parse(response.Body);
        var root = json.RootElement;
        return (root.TryGetProperty("code", out var code) ? code.GetInt32() : 0, root.TryGetProperty("message", out var message) ? message.GetString()! : "");
    }

    /// <summary>The gRPC code OTLP/HTTP pairs with an HTTP status (OTLP spec, "Failures").</summary>
    public static int RpcCode(int status) => status switch
    {
        400 or 415 => 3,
        401 => 16,
        403 => 7,
        404 => 5,
        413 => 8,
        _ when status < 300 => 0,
        _ => -1,
    };
}
