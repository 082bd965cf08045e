using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SpendOps.Core.Providers;
using SpendOps.Proxy.Auth;
using SpendOps.Proxy.Usage.Extractors;
using SpendOps.Proxy.Usage.Extractors.OpenAi;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// The proxy pipeline for <c>/v1/{provider}/{**path}</c>: key, policy, dimensions and model are checked here, then
/// <see cref="CallForwarder"/> forwards the call unchanged and queues its usage record. Nothing here waits for the database.
/// </summary>
internal sealed class ProxyRequestHandler(
    CallForwarder callForwarder,
    UpstreamCatalog upstreams,
    ApiKeyResolver keys,
    ProxyMetrics metrics,
    IOptions<ProxyOptions> options,
    TimeProvider clock)
{
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
        await callForwarder.ForwardAsync(context, upstream, providerPath, family, call);
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

    private static string NewRequestId() => "aso_" + Guid.CreateVersion7().ToString("N");

    private readonly record struct RequestBodyResult(BufferedRequestBody? Content, bool TooLarge) : IDisposable
    {
        public void Dispose() => Content?.Dispose();
    }
}
