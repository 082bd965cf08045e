using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Providers;
using SpendOps.Proxy.Auth;
using SpendOps.Proxy.Usage;
using SpendOps.Proxy.Usage.Extractors;
using SpendOps.Proxy.Usage.Extractors.OpenAi;
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
            await RejectAsync(context, ProviderFamily.OpenAi, new ProxyError(404,
                $"AI SpendOps: Unknown provider '{provider}'. Use /v1/{{provider}}/... with one of: {string.Join(", ", upstreams.All.Select(u => u.Info.Name))}",
                "aso_unknown_provider"));
            return;
        }

        // Everything after /v1/{provider} is the provider's own path, forwarded as is.
        var providerPath = context.Request.Path.Value!["/v1/".Length..][provider.Length..];
        var family = ErrorEnvelope.FamilyFor(upstream.Info.Family, providerPath);

        var resolution = await keys.ResolveAsync(context.Request.Headers[ProxyHeaders.ApiKey], context.RequestAborted);
        if (resolution.Key is not { } key)
        {
            var message = resolution.Failure switch
            {
                KeyFailure.Missing => ProxyMessages.MissingKey,
                KeyFailure.Format => ProxyMessages.InvalidKeyFormat,
                _ => ProxyMessages.InvalidKeyUnknown,
            };
            // 403, not 401: Claude Code retries a 401 for minutes but shows a 403 at once.
            await RejectAsync(context, family, new ProxyError(403, message, "aso_invalid_api_key"));
            return;
        }
        if (!key.AllowsProvider(upstream.Info.Name))
        {
            await RejectAsync(context, family, new ProxyError(403, ProxyMessages.ProviderNotAllowed, "aso_provider_not_allowed"));
            return;
        }
        if (!DimsParser.TryParse(context.Request.Headers, out var dims, out var dimsError))
        {
            await RejectAsync(context, family, new ProxyError(400, dimsError!, "aso_invalid_dims"));
            return;
        }
        if (PolicyCheck.CheckDims(key, dims) is { } policyError)
        {
            await RejectAsync(context, family, new ProxyError(400, policyError, "aso_dims_policy"));
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

        var endpoint = EndpointClassifier.Classify(upstream.Info, context.Request.Method, providerPath);
        var facts = RequestInspector.Inspect(endpoint, context.Request.ContentType, body.Content is { } content ? content.Span : default);
        if (key.RestrictsModels && !ModelAllowed(key, facts.Model, context.Request.Method))
        {
            await RejectAsync(context, family, new ProxyError(403, ProxyMessages.ModelNotAllowed, "aso_model_not_allowed"));
            return;
        }

        var injected = InjectStreamUsage(key, endpoint, facts, body.Content);
        body.Content?.InstallAsRequestBody(context.Request);
        var call = new ProxyCall(requestId, startTimestamp, clock.GetUtcNow(), upstream, endpoint, key, dims, facts, body.Content?.Length ?? 0)
        {
            InjectedUsageFilter = injected ? new InjectedUsageChunkFilter() : null,
        };
        await ForwardAsync(context, upstream, providerPath, family, call);
    }

    /// <summary>
    /// For keys that opted in: an OpenAI-style chat stream that did not ask for usage gets
    /// <c>stream_options.include_usage</c>, so the call is never recorded without usage. Off by default, because
    /// it changes the request the provider sees.
    /// </summary>
    private static bool InjectStreamUsage(ResolvedKey key, EndpointInfo endpoint, RequestFacts facts, BufferedRequestBody? body)
    {
        if (!key.Policy.InjectStreamUsage || body is null || endpoint.Format != UsageFormat.OpenAi || !facts.Stream || facts.IncludesStreamUsage)
            return false;
        if (!StreamUsageInjector.TryInject(body.Span, out var rewritten))
            return false;
        body.Replace(rewritten);
        return true;
    }

    private async Task ForwardAsync(HttpContext context, Upstream upstream, string providerPath, ProviderFamily family, ProxyCall call)
    {
        var target = RequestUtilities.MakeDestinationAddress(upstream.BaseUrl, new PathString(providerPath), context.Request.QueryString);
        var clientBody = context.Response.Body;
        var capture = new UsageCaptureStream(clientBody, call);
        context.Response.Body = capture;
        ForwarderError error;
        try
        {
            error = await forwarder.SendAsync(context, upstream.BaseUrl, invoker.Invoker, forwarderConfig, new ProviderTransformer(target, call), context.RequestAborted);
            if (error == ForwarderError.None)
                await capture.CompleteAsync(context.RequestAborted);
        }
        finally
        {
            context.Response.Body = clientBody;
        }

        int? failedStatus = null;
        if (error != ForwarderError.None)
            failedStatus = await ReportForwardErrorAsync(context, upstream, family, error, call.RequestId);
        metrics.RequestCompleted(upstream.Info.Name, failedStatus ?? context.Response.StatusCode);
        var record = call.ToRecord(failedStatus, interrupted: error != ForwarderError.None);
        if (call.CaptureFailed)
            metrics.CaptureFailed(upstream.Info.Name);
        usage.Enqueue(record);
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

    /// <summary>
    /// A key limited to some models only lets through requests whose model is known: a POST whose model cannot be
    /// read would otherwise slip past the allow-list. Reads (model lists, GETs of stored objects) carry no model.
    /// </summary>
    private static bool ModelAllowed(ResolvedKey key, string? model, string method) =>
        model is null ? HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsDelete(method) : key.AllowsModel(model);

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
