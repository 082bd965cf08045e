using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using SpendOps.Core.Telemetry;
using SpendOps.Proxy.Telemetry.Protos.Collector.Logs;
using SpendOps.Proxy.Telemetry.Protos.Collector.Metrics;
using RpcStatus = SpendOps.Proxy.Telemetry.Protos.Rpc.Status;

namespace SpendOps.Proxy.Telemetry;

/// <summary>
/// An OTLP/HTTP response in the request's encoding: an empty <c>Export*ServiceResponse</c> on success, a
/// <c>google.rpc.Status</c> on error. The OTLP spec asks for these bodies rather than RFC 7807 problem details,
/// and exporters log the status message, so it tells the user what to fix.
/// </summary>
internal sealed class OtlpResult(int statusCode, OtlpContentKind kind, byte[] body, string? wwwAuthenticate = null, int? retryAfterSeconds = null) : IResult
{
    public int StatusCode => statusCode;

    public static OtlpResult Accepted(OtlpContentKind kind, TelemetrySignal signal) =>
        new(StatusCodes.Status202Accepted, kind, kind == OtlpContentKind.Json
            ? "{}"u8.ToArray()
            : signal == TelemetrySignal.Logs ? new ExportLogsServiceResponse().ToByteArray() : new ExportMetricsServiceResponse().ToByteArray());

    public static OtlpResult Error(int statusCode, OtlpContentKind kind, string message, string? wwwAuthenticate = null, int? retryAfterSeconds = null)
    {
        var code = RpcCode(statusCode);
        var body = kind == OtlpContentKind.Json
            ? JsonSerializer.SerializeToUtf8Bytes(new JsonStatus(code, message), JsonStatusContext.Default.JsonStatus)
            : new RpcStatus { Code = code, Message = message }.ToByteArray();
        return new OtlpResult(statusCode, kind, body, wwwAuthenticate, retryAfterSeconds);
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = OtlpContentTypes.For(kind);
        response.ContentLength = body.Length;
        if (wwwAuthenticate is not null)
            response.Headers.WWWAuthenticate = wwwAuthenticate;
        if (retryAfterSeconds is { } seconds)
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    public override string ToString() => $"{statusCode} {Encoding.UTF8.GetString(body)}";

    /// <summary>The gRPC status code matching an HTTP status, as OTLP/HTTP servers put in <c>google.rpc.Status.code</c>.</summary>
    private static int RpcCode(int statusCode) => statusCode switch
    {
        StatusCodes.Status400BadRequest or StatusCodes.Status415UnsupportedMediaType => 3, // INVALID_ARGUMENT
        StatusCodes.Status401Unauthorized => 16, // UNAUTHENTICATED
        StatusCodes.Status403Forbidden => 7, // PERMISSION_DENIED
        StatusCodes.Status404NotFound => 5, // NOT_FOUND
        StatusCodes.Status413PayloadTooLarge or StatusCodes.Status429TooManyRequests => 8, // RESOURCE_EXHAUSTED
        StatusCodes.Status503ServiceUnavailable => 14, // UNAVAILABLE
        _ => 2, // UNKNOWN
    };
}
