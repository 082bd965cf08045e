using System.Data.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpendOps.Core.Keys;
using SpendOps.Core.Telemetry;
using SpendOps.Proxy.Telemetry.Otlp;

namespace SpendOps.Proxy.Telemetry;

/// <summary>
/// OTLP/HTTP ingest for Claude Code, Cowork and Office agents: <c>POST {root}/v1/metrics</c> and
/// <c>POST {root}/v1/logs</c> under <see cref="TelemetryIngestPaths.Root"/>/{connectionId}. See README.md here
/// for status codes and how telemetry becomes usage records.
/// </summary>
public static partial class OtlpIngestEndpoints
{
    public static IEndpointRouteBuilder MapSpendOpsOtlpIngest(this IEndpointRouteBuilder app)
    {
        // Machine-facing and authenticated by the ingest key: no cookie auth, no antiforgery, no portal fallback policy.
        var group = app.MapGroup(TelemetryIngestPaths.Root + "/{connectionId}").AllowAnonymous().ExcludeFromDescription();
        group.MapPost("/v1/metrics", (HttpContext http, string connectionId, [AsParameters] OtlpIngestServices services) =>
            IngestAsync(http, connectionId, TelemetrySignal.Metrics, services));
        group.MapPost("/v1/logs", (HttpContext http, string connectionId, [AsParameters] OtlpIngestServices services) =>
            IngestAsync(http, connectionId, TelemetrySignal.Logs, services));
        // Everything else under a connection (the root itself, /v1/traces, a signal path appended twice) is a setup
        // mistake; say how to fix it instead of a bare 404.
        group.Map("/{**rest}", (HttpContext http) => OtlpResult.Error(StatusCodes.Status404NotFound, KindOf(http.Request),
            "Not found. Set OTEL_EXPORTER_OTLP_ENDPOINT to the collector root (.../otel/claude/{connectionId}) without /v1/metrics or /v1/logs; " +
            "the exporter appends those itself. Traces are not accepted."));
        return app;
    }

    private static async Task<IResult> IngestAsync(HttpContext http, string connectionId, TelemetrySignal signal, OtlpIngestServices services)
    {
        var result = await ProcessAsync(http, connectionId, signal, services);
        services.Metrics.Request(signal, result.StatusCode);
        return result;
    }

    private static async Task<OtlpResult> ProcessAsync(HttpContext http, string connectionId, TelemetrySignal signal, OtlpIngestServices services)
    {
        var cancellationToken = http.RequestAborted;
        var request = http.Request;
        var logger = services.LoggerFactory.CreateLogger(typeof(OtlpIngestEndpoints).FullName!);
        var detected = OtlpContentTypes.Detect(request.ContentType);
        var kind = detected ?? OtlpContentKind.Json;

        var check = await services.Authenticator.AuthenticateAsync(request.Headers.Authorization, cancellationToken);
        if (check.Key is not { } key)
        {
            LogUnauthenticated(logger, connectionId, check.Failure);
            return check.Failure == IngestKeyFailure.ProxyKey
                ? OtlpResult.Error(StatusCodes.Status403Forbidden, kind, check.Message!)
                : OtlpResult.Error(StatusCodes.Status401Unauthorized, kind, check.Message!, wwwAuthenticate: "Bearer");
        }

        var connection = Guid.TryParse(connectionId, out var id)
            ? await services.Db.TelemetryConnections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            : null;
        if (connection is null)
            return OtlpResult.Error(StatusCodes.Status404NotFound, kind, $"Unknown connection id '{Clip(connectionId)}'. Copy it from the Claude provider page.");
        if (!key.HasScope(IngestKeyScopes.UsageWrite))
            return Forbidden(logger, kind, key, connection.Id, $"Invalid scope: this key does not include {IngestKeyScopes.UsageWrite}. Create or rotate a key that includes it.");
        if (key.TenantId != connection.TenantId || (key.ConnectionId is { } bound && bound != connection.Id))
            return Forbidden(logger, kind, key, connection.Id, "This ingest key may not write to this connection. Use a key created for it.");
        if (detected is null)
            return OtlpResult.Error(StatusCodes.Status415UnsupportedMediaType, kind,
                $"Unsupported Content-Type '{Clip(request.ContentType)}'. Use application/json (http/json) or application/x-protobuf (http/protobuf).");

        var maxBytes = services.Options.Value.MaxBodyBytes;
        OtlpBody? body;
        OtlpBodyError bodyError;
        try
        {
            (body, bodyError) = await OtlpBodyReader.ReadAsync(request, maxBytes, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own cap (the limit plus one byte, so the reader sees the excess) tripped mid-chunk.
            bodyError = OtlpBodyError.TooLarge;
            body = null;
        }
        catch (BadHttpRequestException e)
        {
            return OtlpResult.Error(StatusCodes.Status400BadRequest, kind, $"Could not read the request body: {e.Message}");
        }
        switch (bodyError)
        {
            case OtlpBodyError.TooLarge:
                return OtlpResult.Error(StatusCodes.Status413PayloadTooLarge, kind, $"Body larger than {maxBytes} bytes (after decompression). Lower the exporter's batch size.");
            case OtlpBodyError.UnsupportedEncoding:
                return OtlpResult.Error(StatusCodes.Status415UnsupportedMediaType, kind, $"Unsupported Content-Encoding '{Clip(request.Headers.ContentEncoding.ToString())}'. Use gzip or none.");
            case OtlpBodyError.BadGzip:
                return OtlpResult.Error(StatusCodes.Status400BadRequest, kind, "Content-Encoding is gzip but the body is not valid gzip data.");
        }

        DecodedOtlpRequest decoded;
        try
        {
            decoded = OtlpRequestDecoder.Decode(kind, signal, body!.Bytes);
        }
        catch (Exception e) when (e is OtlpFormatException or InvalidOperationException)
        {
            // InvalidOperationException: text that is not valid UTF-8 or UTF-16 (a lone surrogate escape) in a JSON body.
            var (stored, format) = OtlpRequestDecoder.ForRejected(body!.Bytes);
            await services.Ingestor.StoreRejectedAsync(connection.Id, connection.TenantId, key, signal, request.ContentType!, body.Encoding,
                body.WireBytes, body.Bytes.Length, stored, format, e.Message, cancellationToken);
            LogRejected(logger, signal, connection.Id, e.Message);
            return OtlpResult.Error(StatusCodes.Status400BadRequest, kind, e.Message);
        }

        if (TooMuchWork(decoded, services.Options.Value) is { } limit)
        {
            LogRejected(logger, signal, connection.Id, limit);
            return OtlpResult.Error(StatusCodes.Status413PayloadTooLarge, kind, limit);
        }

        var (storedBody, storedFormat, redacted) = decoded.StoredCopy();
        TelemetryIngestResult result;
        try
        {
            result = await services.Ingestor.IngestAsync(new TelemetryIngestRequest(connection.Id, connection.TenantId, key.Id, signal,
                request.ContentType!, body.Encoding, body.WireBytes, body.Bytes.Length, storedBody, storedFormat, redacted,
                decoded.Logs, decoded.Metrics), cancellationToken);
        }
        catch (Exception e) when (e is DbUpdateException or DbException)
        {
            // Nothing was committed; 503 makes the exporter retry the same batch, which is safe (ids are deterministic).
            LogWriteFailed(logger, e, signal, connection.Id);
            return OtlpResult.Error(StatusCodes.Status503ServiceUnavailable, kind, "The batch could not be stored right now; retry later.", retryAfterSeconds: 5);
        }

        services.Metrics.UsageRecords(result.UsageRecordsWritten);
        LogAccepted(logger, signal, connection.Id, result.RecordCount, result.UsageRecordsWritten, result.Duplicates, result.Superseded);
        return OtlpResult.Accepted(kind, signal);
    }

    /// <summary>
    /// The per-request caps on records and attributes: the body cap alone is not enough, as a few KiB of gzip
    /// inflate to hundreds of thousands of tiny records, each costing work while the batch is written.
    /// </summary>
    private static string? TooMuchWork(DecodedOtlpRequest decoded, TelemetryIngestOptions options)
    {
        if (decoded.RecordCount > options.MaxRecordsPerRequest)
            return $"The request holds {decoded.RecordCount} records (data points and log records); at most {options.MaxRecordsPerRequest} are accepted per request " +
                "(setting Telemetry:MaxRecordsPerRequest). Lower the exporter's batch size.";
        var attributes = decoded.AttributeCount;
        return attributes > options.MaxAttributesPerRequest
            ? $"The request holds {attributes} attributes; at most {options.MaxAttributesPerRequest} are accepted per request " +
                "(setting Telemetry:MaxAttributesPerRequest). Lower the exporter's batch size."
            : null;
    }

    private static OtlpResult Forbidden(ILogger logger, OtlpContentKind kind, IngestKey key, Guid connectionId, string message)
    {
        LogForbidden(logger, key.DisplayHint, connectionId, message);
        return OtlpResult.Error(StatusCodes.Status403Forbidden, kind, message);
    }

    private static OtlpContentKind KindOf(HttpRequest request) => OtlpContentTypes.Detect(request.ContentType) ?? OtlpContentKind.Json;

    /// <summary>Echoes caller input in messages only briefly.</summary>
    private static string Clip(string? value) => value is null ? "" : value.Length > 80 ? value[..80] + "…" : value;

    [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry {Signal} for connection {ConnectionId}: {RecordCount} records, {UsageRecords} new usage records, {Duplicates} duplicates, {Superseded} superseded")]
    private static partial void LogAccepted(ILogger logger, TelemetrySignal signal, Guid connectionId, int recordCount, int usageRecords, int duplicates, int superseded);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telemetry request for connection {ConnectionId} not authenticated: {Failure}")]
    private static partial void LogUnauthenticated(ILogger logger, string connectionId, IngestKeyFailure failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest key {KeyHint} refused for connection {ConnectionId}: {Reason}")]
    private static partial void LogForbidden(ILogger logger, string keyHint, Guid connectionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telemetry {Signal} batch for connection {ConnectionId} rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, TelemetrySignal signal, Guid connectionId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Telemetry {Signal} batch for connection {ConnectionId} could not be written")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, TelemetrySignal signal, Guid connectionId);
}
