using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SpendOps.Core.Providers;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// Writes proxy errors in the error shape of the API being called, so the official SDKs parse them and show
/// our message: OpenAI <c>{"error":{"message","type","param","code"}}</c>, Anthropic
/// <c>{"type":"error","error":{"type","message"}}</c>, Gemini <c>{"error":{"code","message","status"}}</c>.
/// </summary>
public static class ErrorEnvelope
{
    /// <summary>
    /// The family decides the shape. Anthropic-compatible surfaces of other providers (<c>…/v1/messages</c> on
    /// DeepSeek or xAI) get Anthropic errors; Gemini's OpenAI-compatible surface gets OpenAI errors.
    /// </summary>
    // Quotes in messages stay readable ("Unknown provider 'foo'"); the body is JSON, never HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ProviderFamily FamilyFor(ProviderFamily providerFamily, ReadOnlySpan<char> providerPath)
    {
        if (providerFamily == ProviderFamily.Gemini && providerPath.Contains("/openai/", StringComparison.Ordinal))
            return ProviderFamily.OpenAi;
        if (providerFamily == ProviderFamily.OpenAi && (providerPath.EndsWith("/v1/messages", StringComparison.Ordinal)
            || providerPath.EndsWith("/v1/messages/count_tokens", StringComparison.Ordinal)))
            return ProviderFamily.Anthropic;
        return providerFamily;
    }

    public static async Task WriteAsync(HttpContext context, ProviderFamily family, ProxyError error)
    {
        var response = context.Response;
        response.StatusCode = error.Status;
        response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(response.BodyWriter.AsStream(leaveOpen: true), WriterOptions);
        Write(writer, family, error);
        await writer.FlushAsync(context.RequestAborted);
    }

    /// <summary>The body <see cref="WriteAsync"/> would send, as text (the portal shows it in its key test).</summary>
    public static string ToJson(ProviderFamily family, ProxyError error)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            Write(writer, family, error);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, ProviderFamily family, ProxyError error)
    {
        writer.WriteStartObject();
        switch (family)
        {
            case ProviderFamily.Anthropic:
                writer.WriteString("type", "error");
                writer.WriteStartObject("error");
                writer.WriteString("type", AnthropicType(error.Status));
                writer.WriteString("message", error.Message);
                writer.WriteEndObject();
                break;
            case ProviderFamily.Gemini:
                writer.WriteStartObject("error");
                writer.WriteNumber("code", error.Status);
                writer.WriteString("message", error.Message);
                writer.WriteString("status", GoogleStatus(error.Status));
                writer.WriteEndObject();
                break;
            default:
                writer.WriteStartObject("error");
                writer.WriteString("message", error.Message);
                writer.WriteString("type", OpenAiType(error.Status));
                writer.WriteNull("param");
                writer.WriteString("code", error.Code);
                writer.WriteEndObject();
                break;
        }
        writer.WriteEndObject();
    }

    // https://docs.anthropic.com/en/api/errors
    private static string AnthropicType(int status) => status switch
    {
        400 => "invalid_request_error",
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        504 => "timeout_error",
        _ => "api_error",
    };

    // https://cloud.google.com/apis/design/errors#handling_errors
    private static string GoogleStatus(int status) => status switch
    {
        400 or 413 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        429 => "RESOURCE_EXHAUSTED",
        504 => "DEADLINE_EXCEEDED",
        _ => "UNAVAILABLE",
    };

    private static string OpenAiType(int status) => status switch
    {
        400 or 404 or 413 => "invalid_request_error",
        401 => "authentication_error",
        403 => "permission_error",
        429 => "rate_limit_error",
        _ => "api_error",
    };
}
