using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Providers;
using SpendOps.Proxy.Auth;
using SpendOps.Proxy.Usage;
using Yarp.ReverseProxy.Forwarder;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// The proxy pipeline for <c>/v1/{provider}/{**path}</c>: key, policy and dimensions, then the call is forwarded
/// unchanged and its usage record queued. Nothing here waits for the database.
/// </summary>
internal sealed partial class ProxyRequestHandler(
    IHttpForwarder forwarder,
    UpstreamInvoker invoker,
    UpstreamCatalog upstreams,
    ApiKeyResolver keys,
    UsageSink usage,
    ProxyMetrics metrics,
    IOptions<ProxyOptions> options,
    TimeProvider clock,
    ILogger<ProxyRequestHandler> logger)
{
    private readonly ForwarderRequestConfig forwarderConfig = new()
    {
        ActivityTimeout = TimeSpan.FromSeconds(options.Value.UpstreamIdleTimeoutSeconds),
    };

    public async Task HandleAsync(HttpContext context, string provider)
    {
        var startTimestamp = Stopwatch.GetTimestamp();
        var requestId = NewRequestId();
        context.Response.Headers[ProxyHeaders.RequestId] = requestId;

        var upstream = upstreams.Find(provider);
        if (upstream is null)
        {
            await RejectAsync(context, ProviderFamily.OpenAi, RequestAdmission.UnknownProvider(provider, upstreams.All.Select(u => u.Info.Name)));
            return;
        }

        // Everything after /v1/{provider} is the provider's own path, forwarded as is.
        var providerPath = context.Request.Path.Value!["/v1/".Length..][provider.Length..];
        var family = ErrorEnvelope.FamilyFor(upstream.Info.Family, providerPath);

        var resolution = await keys.ResolveAsync(context.Request.Headers[ProxyHeaders.ApiKey], context.RequestAborted);
        if (RequestAdmission.CheckKey(resolution) is { } keyError)
        {
            await RejectAsync(context, family, keyError);
            return;
        }
        var key = resolution.Key!;
        if (RequestAdmission.CheckPolicy(key, upstream.Info.Name, context.Request.Headers, out var dims) is { } policyError)
        {
            await RejectAsync(context, family, policyError);
            return;
        }

        using var body = await ReadBodyAsync(context);
        if (body is { TooLarge: true })
        {
            await RejectAsync(context, family, new ProxyError(413,
                $"AI SpendOps: Request body is larger than the proxy's limit of {options.Value.MaxRequestBodyBytes} bytes (Proxy:MaxRequestBodyBytes)",
                "aso_request_too_large"));
            return;
        }

        var facts = RequestInspector.Inspect(upstream.Info, providerPath, context.Request.ContentType, body.Content is { } content ? content.Span : default);
        if (RequestAdmission.CheckModel(key, facts.Model, context.Request.Method) is { } modelError)
        {
            await RejectAsync(context, family, modelError);
            return;
        }

        body.Content?.InstallAsRequestBody(context.Request);
        var call = new ProxyCall(requestId, startTimestamp, clock.GetUtcNow(), upstream, providerPath, context.Request.Method, key, dims, facts, body.Content?.Length ?? 0);
        await ForwardAsync(context, upstream, providerPath, family, call);
    }

    private async Task ForwardAsync(HttpContext context, Upstream upstream, string providerPath, ProviderFamily family, ProxyCall call)
    {
        var target = RequestUtilities.MakeDestinationAddress(upstream.BaseUrl, new PathString(providerPath), context.Request.QueryString);
        var clientBody = context.Response.Body;
        context.Response.Body = new UsageCaptureStream(clientBody, call);
        ForwarderError error;
        try
        {
            error = await forwarder.SendAsync(context, upstream.BaseUrl, invoker.Invoker, forwarderConfig, new ProviderTransformer(target, call), context.RequestAborted);
        }
        finally
        {
            context.Response.Body = clientBody;
        }

        int? failedStatus = null;
        if (error != ForwarderError.None)
            failedStatus = await ReportForwardErrorAsync(context, upstream, family, error, call.RequestId);
        metrics.RequestCompleted(upstream.Info.Name, failedStatus ?? context.Response.StatusCode);
        usage.Enqueue(call.ToRecord(failedStatus, interrupted: error != ForwarderError.None));
    }

    /// <summary>
    /// Turns a forwarding failure into the provider-shaped 502/504, unless the response had already begun. Returns
    /// the status the proxy answered with, or null when the provider's status stands (the client went away, or the
    /// provider broke off a response already under way).
    /// </summary>
    private async Task<int?> ReportForwardErrorAsync(HttpContext context, Upstream upstream, ProviderFamily family, ForwarderError error, string requestId)
    {
        var exception = context.GetForwarderErrorFeature()?.Exception;
        var clientGone = context.RequestAborted.IsCancellationRequested
            || error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient
                or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient;
        if (clientGone)
        {
            LogClientGone(logger, upstream.Info.Name, error);
            return null;
        }

        LogUpstreamFailed(logger, upstream.Info.Name, error, exception?.GetBaseException().Message);
        if (context.Response.HasStarted)
            return null; // The provider's status and part of its body are already with the client; the stream just ends.

        var timedOut = error == ForwarderError.RequestTimedOut;
        var status = timedOut ? 504 : 502;
        var message = timedOut
            ? $"AI SpendOps: The {upstream.Info.DisplayName} API did not answer within {options.Value.UpstreamIdleTimeoutSeconds} s"
            : $"AI SpendOps: Could not reach the {upstream.Info.DisplayName} API ({Describe(error)})";
        context.Response.Headers.Clear();
        context.Response.Headers[ProxyHeaders.RequestId] = requestId;
        await ErrorEnvelope.WriteAsync(context, family, new ProxyError(status, message, timedOut ? "aso_upstream_timeout" : "aso_upstream_unreachable"));
        return status;
    }

    private async ValueTask<RequestBodyResult> ReadBodyAsync(HttpContext context)
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody)
            return default;
        var buffered = await BufferedRequestBody.ReadAsync(request, options.Value.MaxRequestBodyBytes, context.RequestAborted);
        return buffered is null ? new RequestBodyResult(null, TooLarge: true) : new RequestBodyResult(buffered, TooLarge: false);
    }

    private async Task RejectAsync(HttpContext context, ProviderFamily family, ProxyError error)
    {
        metrics.RequestRejected(error.Code);
        await ErrorEnvelope.WriteAsync(context, family, error);
    }

    private static string Describe(ForwarderError error) => error switch
    {
        ForwarderError.Request => "connection failed",
        ForwarderError.ResponseHeaders => "invalid response",
        ForwarderError.RequestBodyDestination => "upstream stopped reading the request",
        ForwarderError.ResponseBodyDestination => "upstream broke off the response",
        _ => error.ToString(),
    };

    private static string NewRequestId() => "aso_" + Guid.CreateVersion7().ToString("N");

    private readonly record struct RequestBodyResult(BufferedRequestBody? Content, bool TooLarge) : IDisposable
    {
        public void Dispose() => Content?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Provider} failed: {Error} {Reason}")]
    private static partial void LogUpstreamFailed(ILogger logger, string provider, ForwarderError error, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client went away during a {Provider} call: {Error}")]
    private static partial void LogClientGone(ILogger logger, string provider, ForwarderError error);
}
